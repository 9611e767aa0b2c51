//! Owns the rules of webhooks to societies' systems: the events a society can subscribe to, which
//! URLs may receive them (never the board's own network), and how a failed delivery is retried.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// What a society can be told of. In JSON and in the `type` of a delivery, its dotted code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::N(40))")
)]
pub enum WebhookEvent {
    /// 応募: a resident applied to one of the specialty's programs.
    #[serde(rename = "application.submitted")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "application.submitted"))]
    ApplicationSubmitted,
    /// 取下げ: a resident withdrew an application.
    #[serde(rename = "application.withdrawn")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "application.withdrawn"))]
    ApplicationWithdrawn,
    /// 採用結果通知: a round's results are out.
    #[serde(rename = "results.released")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "results.released"))]
    ResultsReleased,
    /// A director approved a training period (研修実績).
    #[serde(rename = "training-record.approved")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "training-record.approved"))]
    TrainingRecordApproved,
    /// A completion application (研修修了申請) reached a new step.
    #[serde(rename = "completion.step-reached")]
    #[cfg_attr(feature = "db", sea_orm(string_value = "completion.step-reached"))]
    CompletionStepReached,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 5] = [
        WebhookEvent::ApplicationSubmitted,
        WebhookEvent::ApplicationWithdrawn,
        WebhookEvent::ResultsReleased,
        WebhookEvent::TrainingRecordApproved,
        WebhookEvent::CompletionStepReached,
    ];

    /// The stable code, e.g. `application.submitted`: a contract with the societies.
    pub fn code(self) -> &'static str {
        match self {
            WebhookEvent::ApplicationSubmitted => "application.submitted",
            WebhookEvent::ApplicationWithdrawn => "application.withdrawn",
            WebhookEvent::ResultsReleased => "results.released",
            WebhookEvent::TrainingRecordApproved => "training-record.approved",
            WebhookEvent::CompletionStepReached => "completion.step-reached",
        }
    }

    pub fn parse(code: &str) -> Result<WebhookEvent, DomainError> {
        WebhookEvent::ALL
            .into_iter()
            .find(|e| e.code() == code)
            .ok_or(DomainError::invalid("events", "unknown-webhook-event"))
    }

    pub fn name_ja(self) -> &'static str {
        match self {
            WebhookEvent::ApplicationSubmitted => "応募",
            WebhookEvent::ApplicationWithdrawn => "応募の取下げ",
            WebhookEvent::ResultsReleased => "採用結果の通知",
            WebhookEvent::TrainingRecordApproved => "研修実績の承認",
            WebhookEvent::CompletionStepReached => "研修修了申請の進捗",
        }
    }
}

/// The events an endpoint subscribes to: at least one, each once, in their order.
pub fn parse_events(codes: &[String]) -> Result<Vec<WebhookEvent>, DomainError> {
    let mut events = codes.iter().map(|c| WebhookEvent::parse(c)).collect::<Result<Vec<_>, _>>()?;
    events.sort();
    events.dedup();
    if events.is_empty() {
        return Err(DomainError::invalid("events", "required"));
    }
    Ok(events)
}

/// The longest webhook URL accepted.
pub const URL_MAX_CHARS: usize = 2000;

/// Where a webhook URL points: a DNS name (checked again when it resolves) or an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookHost {
    Name(String),
    Address(IpAddr),
}

/// A URL that may receive webhooks: `https://` with a host and no credentials; plain `http://`
/// and addresses of private, loopback or link-local networks only where local targets are
/// allowed (tests and demos). The only way to have one is [`WebhookUrl::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl {
    text: String,
    host: WebhookHost,
}

impl WebhookUrl {
    pub fn parse(text: &str, allow_local: bool) -> Result<WebhookUrl, DomainError> {
        let invalid = DomainError::invalid("url", "invalid-webhook-url");
        let text = text.trim();
        if text.is_empty() {
            return Err(DomainError::invalid("url", "required"));
        }
        if text.chars().count() > URL_MAX_CHARS {
            return Err(DomainError::invalid("url", "too-long"));
        }
        if !text.is_ascii() || text.chars().any(|c| c.is_ascii_control() || c == ' ') {
            return Err(invalid);
        }
        let lower = text.to_ascii_lowercase();
        let rest = match (lower.strip_prefix("https://"), lower.strip_prefix("http://")) {
            (Some(_), _) => &text["https://".len()..],
            (None, Some(_)) if allow_local => &text["http://".len()..],
            (None, Some(_)) => return Err(DomainError::invalid("url", "webhook-url-not-https")),
            (None, None) => return Err(invalid),
        };
        if text.contains('#') {
            return Err(invalid);
        }
        let authority = rest.split(['/', '?']).next().unwrap_or_default();
        if authority.contains('@') {
            return Err(invalid);
        }
        let host = host_of(authority).ok_or(invalid)?;
        if !allow_local && !host_is_public(&host) {
            return Err(DomainError::invalid("url", "webhook-url-not-public"));
        }
        Ok(WebhookUrl { text: text.to_string(), host })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn host(&self) -> &WebhookHost {
        &self.host
    }
}

/// The host of `host[:port]`, `[v6][:port]`: a name of letters, digits, hyphens and dots, or an
/// address.
fn host_of(authority: &str) -> Option<WebhookHost> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(inner) => {
            let (v6, after) = inner.split_once(']')?;
            let port = match after {
                "" => None,
                p => Some(p.strip_prefix(':')?),
            };
            (v6, port)
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if let Some(port) = port
        && port.parse::<u16>().ok().filter(|p| *p > 0).is_none()
    {
        return None;
    }
    if authority.starts_with('[') {
        return host.parse::<Ipv6Addr>().ok().map(|a| WebhookHost::Address(IpAddr::V6(a)));
    }
    if let Ok(v4) = host.parse::<Ipv4Addr>() {
        return Some(WebhookHost::Address(IpAddr::V4(v4)));
    }
    let labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    // A name of digits only would be an address in another notation (0x7f.1, 2130706433).
    // No top-level domain starts with a digit.
    let numeric = labels.last().is_some_and(|l| l.starts_with(|c: char| c.is_ascii_digit()));
    (host.len() <= 253 && labels.iter().all(label_ok) && !numeric)
        .then(|| WebhookHost::Name(host.trim_end_matches('.').to_ascii_lowercase()))
}

/// Names that always mean this machine or its network, whatever a resolver says.
fn name_is_public(name: &str) -> bool {
    let local_suffixes = [".localhost", ".local", ".internal", ".home.arpa"];
    name != "localhost" && !local_suffixes.iter().any(|s| name.ends_with(s))
}

fn host_is_public(host: &WebhookHost) -> bool {
    match host {
        WebhookHost::Name(name) => name_is_public(name),
        WebhookHost::Address(address) => is_public_address(*address),
    }
}

/// True for an address on the public internet; false for loopback, private (RFC 1918, unique
/// local), link-local (cloud metadata lives there), shared (CGNAT), unspecified, broadcast,
/// multicast, documentation and benchmarking networks, and IPv4 inside IPv6.
pub fn is_public_address(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && c == 0)
                || (a == 198 && (b == 18 || b == 19))
                // Reserved, with the broadcast address.
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_address(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            // The last rule takes in `::` and `::1` too (IPv4-compatible addresses).
            !(v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8
                || first == 0x0064 && v6.segments()[1] == 0xff9b
                || v6.segments()[..6] == [0, 0, 0, 0, 0, 0])
        }
    }
}

/// Attempts at a delivery before it is given up (it can still be replayed).
pub const MAX_ATTEMPTS: i32 = 8;

/// The wait before the next attempt after `failed` failed ones: 10 s, quadrupling each time
/// (10 s, 40 s, 160 s, about 11 min, 43 min, 3 h, 11 h), so a receiver down for half a day
/// still gets every event.
pub fn retry_delay(failed: i32) -> Duration {
    let quadruplings = u32::try_from(failed.saturating_sub(1)).unwrap_or(0).min(MAX_ATTEMPTS as u32);
    Duration::seconds(10 * 4i64.pow(quadruplings)).min(Duration::hours(12))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(result: Result<WebhookUrl, DomainError>) -> &'static str {
        match result {
            Ok(_) => "ok",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn a_webhook_url_is_https_with_a_host_and_no_credentials() {
        for (url, expected) in [
            ("https://society.example.jp/hooks/senkoi", "ok"),
            ("HTTPS://Society.Example.JP:8443/h?x=1", "ok"),
            ("https://[2400:cb00::1]/h", "ok"),
            ("https://203.0.113.0.example/h", "ok"),
            ("http://society.example.jp/h", "webhook-url-not-https"),
            ("ftp://society.example.jp/h", "invalid-webhook-url"),
            ("society.example.jp/h", "invalid-webhook-url"),
            ("https://user:pw@society.example.jp/h", "invalid-webhook-url"),
            ("https://society.example.jp/h#frag", "invalid-webhook-url"),
            ("https:///h", "invalid-webhook-url"),
            ("https://-bad.example.jp/", "invalid-webhook-url"),
            ("https://society.example.jp:0/", "invalid-webhook-url"),
            ("https://society.example.jp:70000/", "invalid-webhook-url"),
            ("https://学会.jp/", "invalid-webhook-url"),
            ("https://a b.jp/", "invalid-webhook-url"),
            ("https://a.jp/a b", "invalid-webhook-url"),
            ("https://a.jp/\u{1}", "invalid-webhook-url"),
            ("https://a.jp/学会", "invalid-webhook-url"),
            ("https://my-society.example.jp/h", "ok"),
            ("", "required"),
        ] {
            assert_eq!(code_of(WebhookUrl::parse(url, false)), expected, "{url}");
        }
        let long = format!("https://a.jp/{}", "x".repeat(URL_MAX_CHARS));
        assert_eq!(code_of(WebhookUrl::parse(&long, false)), "too-long");
        let longest = format!("https://a.jp/{}", "x".repeat(URL_MAX_CHARS - "https://a.jp/".len()));
        assert_eq!(WebhookUrl::parse(&longest, false).map(|u| u.as_str().len()), Ok(URL_MAX_CHARS));
        assert_eq!(WebhookUrl::parse(" https://a.jp/h ", false).unwrap().as_str(), "https://a.jp/h");
    }

    #[test]
    fn a_webhook_url_never_points_into_a_private_network_unless_allowed() {
        for url in [
            "https://127.0.0.1/h",
            "https://localhost/h",
            "https://api.localhost/h",
            "https://10.0.0.5/h",
            "https://172.16.0.1/h",
            "https://192.168.1.1:8443/h",
            "https://169.254.169.254/latest/meta-data",
            "https://100.64.0.1/h",
            "https://0.0.0.0/h",
            "https://[::1]/h",
            "https://[fe80::1]/h",
            "https://[fd00::1]/h",
            "https://[::ffff:127.0.0.1]/h",
            "https://printer.local/h",
            "https://2130706433/h",
            "https://0x7f.1/h",
        ] {
            let refused = code_of(WebhookUrl::parse(url, false));
            assert!(
                refused == "webhook-url-not-public" || refused == "invalid-webhook-url",
                "{url}: {refused}"
            );
        }
        assert_eq!(code_of(WebhookUrl::parse("https://10.0.0.5/h", false)), "webhook-url-not-public");
        assert_eq!(code_of(WebhookUrl::parse("http://127.0.0.1:9000/h", true)), "ok");
        assert_eq!(
            WebhookUrl::parse("https://127.0.0.1:9/h", true).unwrap().host(),
            &WebhookHost::Address("127.0.0.1".parse().unwrap())
        );
    }

    #[test]
    fn only_public_addresses_are_public() {
        for (address, public) in [
            ("8.8.8.8", true),
            ("203.0.113.7", false),
            ("198.51.100.1", false),
            ("198.18.0.1", false),
            ("192.0.0.8", false),
            ("224.0.0.1", false),
            ("255.255.255.255", false),
            ("240.0.0.1", false),
            ("100.63.255.255", true),
            ("100.128.0.0", true),
            ("172.32.0.1", true),
            ("2400:cb00::1", true),
            ("2001:db8::1", false),
            ("ff02::1", false),
            ("::", false),
            ("::127.0.0.1", false),
            ("64:ff9b::a00:1", false),
            ("::ffff:8.8.8.8", true),
            ("::1", false),
            ("127.0.0.1", false),
            ("10.0.0.1", false),
            ("169.254.1.1", false),
            ("0.0.0.0", false),
            ("0.1.2.3", false),
            ("192.0.2.1", false),
            ("100.64.0.1", false),
            ("198.19.0.1", false),
            ("192.0.1.1", true),
            ("192.1.0.1", true),
            ("8.0.0.1", true),
            ("8.18.0.1", true),
            ("198.17.0.1", true),
            ("198.20.0.1", true),
            ("100.1.0.1", true),
            ("2001:4860::8888", true),
            ("2a00:db8::1", true),
            ("2a00:ff9b::1", true),
            ("fe00::1", true),
            ("fc00::1", false),
        ] {
            assert_eq!(is_public_address(address.parse().unwrap()), public, "{address}");
        }
    }

    #[test]
    fn events_are_known_codes_each_once_and_at_least_one() {
        let codes = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_events(&codes(&["results.released", "application.submitted", "results.released"])),
            Ok(vec![WebhookEvent::ApplicationSubmitted, WebhookEvent::ResultsReleased])
        );
        assert_eq!(parse_events(&[]).unwrap_err().code(), "required");
        assert_eq!(
            parse_events(&codes(&["application.created"])).unwrap_err().code(),
            "unknown-webhook-event"
        );
        for event in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::parse(event.code()), Ok(event));
            assert_eq!(serde_json::to_value(event).unwrap(), event.code());
            assert!(!event.name_ja().is_empty());
        }
        assert_eq!(WebhookEvent::ApplicationSubmitted.name_ja(), "応募");
    }

    #[test]
    fn retries_wait_four_times_longer_each_time_up_to_twelve_hours() {
        let waits: Vec<i64> = (1..=9).map(|n| retry_delay(n).num_seconds()).collect();
        assert_eq!(waits, [10, 40, 160, 640, 2560, 10240, 40960, 43200, 43200]);
        assert_eq!(retry_delay(0).num_seconds(), 10);
    }
}
