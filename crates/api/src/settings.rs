//! Settings: every knob comes from the environment, with a default that works on a laptop.

use std::fmt;
use std::path::PathBuf;

use crate::client::{ForwardedHeader, TrustedProxies};
use crate::throttle::{LOGIN_FAILURES_PER_SOURCE, MAIL_REQUESTS_PER_SOURCE};

/// Everything the binary can be told, read once at start.
#[derive(Clone)]
pub struct Settings {
    pub database_url: String,
    pub bind: String,
    pub public_url: String,
    pub jwt_secret: String,
    pub smtp_url: Option<String>,
    pub mail_dir: PathBuf,
    pub mail_from: String,
    pub static_dir: Option<PathBuf>,
    /// Where "now" starts (RFC 3339), so demos can stand inside a period; unset: the real clock.
    pub clock_start: Option<String>,
    /// Requests a society client may make a minute; past it, 429 with `Retry-After`.
    pub society_requests_per_minute: u32,
    /// Lets webhooks go to plain `http://` and to loopback, private and link-local addresses:
    /// for tests and demos only.
    pub webhooks_allow_local: bool,
    /// A demo server: societies' sandbox endpoints answer (404 otherwise).
    pub demo: bool,
    /// The key that seals consultations at rest: 32 bytes in base64.
    pub consultation_key: String,
    /// Seconds the public statistics' figures are reused before they are counted again (0: each
    /// request counts).
    pub statistics_max_age: u32,
    /// The proxies whose `X-Forwarded-For` (or `Forwarded`) is believed: `SENKOI_TRUSTED_PROXIES`
    /// and `SENKOI_PROXY_HEADER`.
    pub trusted_proxies: TrustedProxies,
    /// Failed sign-ins one source may make in 15 minutes, whatever the accounts.
    pub login_failures_per_source: u32,
    /// Requests that send mail one source may make an hour.
    pub mail_requests_per_source: u32,
}

/// The default of [`Settings::society_requests_per_minute`]: ten a second, far above a society
/// that polls its feeds every minute.
pub const SOCIETY_REQUESTS_PER_MINUTE: u32 = 600;

/// The default of [`Settings::statistics_max_age`]: figures a few seconds old, counted once per
/// specialty in that time however many residents reload them.
pub const STATISTICS_MAX_AGE: u32 = 5;

/// Secrets that were published (the compose file once shipped this one): never sign with them.
const PUBLISHED_SECRETS: [&str; 1] = ["change-me-in-production-please-0123456789"];

/// The shortest JWT secret accepted, in bytes (HS256 wants at least its 256-bit output).
pub const MIN_JWT_SECRET_BYTES: usize = 32;

impl Settings {
    /// Refuses settings the server must not start with; the message says what to do.
    pub fn check(&self) -> Result<(), String> {
        let secret = self.jwt_secret.trim();
        if secret.len() < MIN_JWT_SECRET_BYTES {
            return Err(format!(
                "SENKOI_JWT_SECRET is {} bytes long; it needs at least {MIN_JWT_SECRET_BYTES} random bytes \
                 (for example: openssl rand -base64 48), or leave it unset to have one generated under var/",
                secret.len()
            ));
        }
        if PUBLISHED_SECRETS.contains(&secret) || secret.contains("change-me") {
            return Err("SENKOI_JWT_SECRET is a published example value; set your own \
                        (for example: openssl rand -base64 48)"
                .into());
        }
        crate::sealing::SealingKey::from_base64(&self.consultation_key)?;
        Ok(())
    }

    /// Reads `SENKOI_*` from the environment; the JWT secret and the consultation key are
    /// generated once and kept under `var/` when they are not given.
    pub fn from_env() -> std::io::Result<Settings> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let jwt_secret = match var("SENKOI_JWT_SECRET") {
            Some(secret) => secret,
            None => kept_secret(&PathBuf::from("var/jwt-secret"), || crate::ids::random_token(48))?,
        };
        Ok(Settings {
            database_url: var("SENKOI_DATABASE_URL")
                .unwrap_or_else(|| "sqlite://var/senkoi.db?mode=rwc".into()),
            bind: var("SENKOI_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            public_url: var("SENKOI_PUBLIC_URL").unwrap_or_else(|| "http://127.0.0.1:8080".into()),
            jwt_secret,
            smtp_url: var("SENKOI_SMTP_URL"),
            mail_dir: var("SENKOI_MAIL_DIR").unwrap_or_else(|| "var/mail".into()).into(),
            mail_from: var("SENKOI_MAIL_FROM").unwrap_or_else(|| "noreply@senkoi.localhost".into()),
            static_dir: var("SENKOI_STATIC_DIR").map(PathBuf::from),
            clock_start: var("SENKOI_CLOCK_START"),
            society_requests_per_minute: whole_number(
                var("SENKOI_SOCIETY_REQUESTS_PER_MINUTE"),
                SOCIETY_REQUESTS_PER_MINUTE,
                1..=u32::MAX,
                "SENKOI_SOCIETY_REQUESTS_PER_MINUTE must be a whole number above 0",
            )?,
            statistics_max_age: whole_number(
                var("SENKOI_STATISTICS_MAX_AGE"),
                STATISTICS_MAX_AGE,
                0..=3600,
                "SENKOI_STATISTICS_MAX_AGE must be a whole number of seconds from 0 to 3600",
            )?,
            trusted_proxies: TrustedProxies::parse(
                &var("SENKOI_TRUSTED_PROXIES").unwrap_or_default(),
                ForwardedHeader::parse(
                    &var("SENKOI_PROXY_HEADER").unwrap_or_else(|| "x-forwarded-for".into()),
                )
                .map_err(std::io::Error::other)?,
            )
            .map_err(std::io::Error::other)?,
            login_failures_per_source: whole_number(
                var("SENKOI_LOGIN_FAILURES_PER_SOURCE"),
                LOGIN_FAILURES_PER_SOURCE,
                1..=u32::MAX,
                "SENKOI_LOGIN_FAILURES_PER_SOURCE must be a whole number above 0",
            )?,
            mail_requests_per_source: whole_number(
                var("SENKOI_MAIL_REQUESTS_PER_SOURCE"),
                MAIL_REQUESTS_PER_SOURCE,
                1..=u32::MAX,
                "SENKOI_MAIL_REQUESTS_PER_SOURCE must be a whole number above 0",
            )?,
            webhooks_allow_local: flag(var("SENKOI_WEBHOOKS_ALLOW_LOCAL"))?,
            demo: flag(var("SENKOI_DEMO"))?,
            consultation_key: match var("SENKOI_CONSULTATION_KEY") {
                Some(key) => key,
                None => kept_secret(
                    &PathBuf::from("var/consultation-key"),
                    crate::sealing::SealingKey::generate_base64,
                )?,
            },
        })
    }
}

/// A numeric setting: `default` when unset, else a whole number in `allowed`, or `problem`.
fn whole_number(
    value: Option<String>,
    default: u32,
    allowed: std::ops::RangeInclusive<u32>,
    problem: &str,
) -> std::io::Result<u32> {
    match value {
        None => Ok(default),
        Some(n) => n
            .trim()
            .parse()
            .ok()
            .filter(|n| allowed.contains(n))
            .ok_or_else(|| std::io::Error::other(problem)),
    }
}

/// An on/off setting: unset, `0`, `false` or `no` is off; `1`, `true` or `yes` is on.
fn flag(value: Option<String>) -> std::io::Result<bool> {
    match value.as_deref().map(str::trim).map(str::to_ascii_lowercase).as_deref() {
        None | Some("0" | "false" | "no") => Ok(false),
        Some("1" | "true" | "yes") => Ok(true),
        Some(other) => Err(std::io::Error::other(format!("{other}: an on/off setting takes 1 or 0"))),
    }
}

/// Reads the secret kept at `path`, or makes one and keeps it there (mode 0600 on Unix).
fn kept_secret(path: &PathBuf, make: impl FnOnce() -> String) -> std::io::Result<String> {
    if let Ok(secret) = std::fs::read_to_string(path)
        && !secret.trim().is_empty()
    {
        return Ok(secret.trim().to_string());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let secret = make();
    std::fs::write(path, &secret)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(secret)
}

/// Hides the password inside a database or SMTP URL: `postgres://u:***@host/db`.
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.find(':') {
                Some(colon) => {
                    format!("{}{}:***{}", &url[..scheme_end + 3], &credentials[..colon], &url[at..])
                }
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl fmt::Debug for Settings {
    /// What start-up logs: every setting, secrets hidden.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("database_url", &redact_url(&self.database_url))
            .field("bind", &self.bind)
            .field("public_url", &self.public_url)
            .field("jwt_secret", &"***")
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("mail_dir", &self.mail_dir)
            .field("mail_from", &self.mail_from)
            .field("static_dir", &self.static_dir)
            .field("clock_start", &self.clock_start)
            .field("society_requests_per_minute", &self.society_requests_per_minute)
            .field("webhooks_allow_local", &self.webhooks_allow_local)
            .field("demo", &self.demo)
            .field("consultation_key", &"***")
            .field("statistics_max_age", &self.statistics_max_age)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("login_failures_per_source", &self.login_failures_per_source)
            .field("mail_requests_per_source", &self.mail_requests_per_source)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_is_off_unless_turned_on() {
        for (value, expected) in [
            (None, false),
            (Some("0"), false),
            (Some("no"), false),
            (Some("1"), true),
            (Some(" TRUE "), true),
        ] {
            assert_eq!(flag(value.map(str::to_string)).unwrap(), expected, "{value:?}");
        }
        assert!(flag(Some("maybe".into())).is_err());
    }

    #[test]
    fn a_number_is_its_default_when_unset_and_refused_outside_its_range() {
        let read = |value: Option<&str>| whole_number(value.map(str::to_string), 5, 0..=3600, "no");
        assert_eq!(read(None).unwrap(), 5);
        assert_eq!(read(Some(" 0 ")).unwrap(), 0);
        assert_eq!(read(Some("3600")).unwrap(), 3600);
        for refused in ["3601", "-1", "1.5", "five"] {
            assert_eq!(read(Some(refused)).unwrap_err().to_string(), "no", "{refused}");
        }
        assert!(whole_number(Some("0".into()), 600, 1..=u32::MAX, "above 0").is_err());
    }

    #[test]
    fn passwords_in_urls_are_hidden() {
        assert_eq!(
            redact_url("postgres://senkoi:s3cret@db:5432/senkoi"),
            "postgres://senkoi:***@db:5432/senkoi"
        );
        assert_eq!(redact_url("sqlite://var/senkoi.db?mode=rwc"), "sqlite://var/senkoi.db?mode=rwc");
        assert_eq!(redact_url("smtp://mailer@localhost:25"), "smtp://mailer@localhost:25");
    }

    #[test]
    fn debug_output_never_shows_the_jwt_secret() {
        let settings = Settings {
            database_url: "postgres://a:b@h/d".into(),
            bind: "127.0.0.1:0".into(),
            public_url: "http://x".into(),
            jwt_secret: "very-secret-value".into(),
            smtp_url: Some("smtp://u:pw@h:25".into()),
            mail_dir: "var/mail".into(),
            mail_from: "a@b".into(),
            static_dir: None,
            clock_start: None,
            society_requests_per_minute: SOCIETY_REQUESTS_PER_MINUTE,
            webhooks_allow_local: false,
            demo: false,
            consultation_key: "c2VjcmV0LWNvbnN1bHRhdGlvbi1rZXktMzItYnl0ZXM=".into(),
            statistics_max_age: STATISTICS_MAX_AGE,
            trusted_proxies: TrustedProxies::default(),
            login_failures_per_source: LOGIN_FAILURES_PER_SOURCE,
            mail_requests_per_source: MAIL_REQUESTS_PER_SOURCE,
        };
        let shown = format!("{settings:?}");
        assert!(!shown.contains("very-secret-value") && !shown.contains(":b@") && !shown.contains("pw@"));
        assert!(!shown.contains("c2VjcmV0"), "the consultation key is hidden");
    }
}
