//! Who is asking: the client's network source, as the throttles key it. Behind the TLS proxies
//! of a deployment the TCP peer is a proxy, so the address the proxies forward is read, but only
//! from peers listed in `SENKOI_TRUSTED_PROXIES`: the right-most hop that is not one of them is
//! the client (anything to its left was written by the client itself). An IPv6 client is counted
//! by its /64, the block one household or one hospital network is given.

use std::fmt;
use std::future::{Ready, ready};
use std::net::IpAddr;

use actix_web::dev::Payload;
use actix_web::http::header::HeaderMap;
use actix_web::{FromRequest, HttpRequest, web};
use ipnet::IpNet;

/// The header the trusted proxies write the client's address into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2` (nginx, most load balancers).
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client, for="[2001:db8::1]:443"`.
    Forwarded,
}

impl ForwardedHeader {
    /// `x-forwarded-for` or `forwarded`, as `SENKOI_PROXY_HEADER` names it.
    pub fn parse(name: &str) -> Result<ForwardedHeader, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "x-forwarded-for" => Ok(ForwardedHeader::XForwardedFor),
            "forwarded" => Ok(ForwardedHeader::Forwarded),
            other => Err(format!("SENKOI_PROXY_HEADER is {other:?}: it takes x-forwarded-for or forwarded")),
        }
    }
}

/// The proxies whose forwarding headers are believed, and the header they write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustedProxies {
    nets: Vec<IpNet>,
    header: ForwardedHeader,
}

impl Default for TrustedProxies {
    /// None: every forwarding header is ignored and the TCP peer is the client.
    fn default() -> Self {
        TrustedProxies { nets: Vec::new(), header: ForwardedHeader::XForwardedFor }
    }
}

impl TrustedProxies {
    /// A list of CIDR blocks or single addresses, separated by commas or spaces
    /// (`10.0.0.0/8, 2001:db8::/32, 192.0.2.7`).
    pub fn parse(list: &str, header: ForwardedHeader) -> Result<TrustedProxies, String> {
        let nets = list
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| {
                        format!("SENKOI_TRUSTED_PROXIES: {item:?} is neither a CIDR block nor an address")
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TrustedProxies { nets, header })
    }

    pub fn is_empty(&self) -> bool {
        self.nets.is_empty()
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.nets.iter().any(|net| net.contains(&address))
    }

    /// The client's address: the TCP `peer` unless it is a trusted proxy, else the right-most
    /// forwarded hop that is not trusted. When every hop is trusted, the left-most one; when a
    /// hop cannot be read (`unknown`, an obfuscated name), the trusted hop that reported it.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        let hops = match self.header {
            ForwardedHeader::XForwardedFor => x_forwarded_for(headers),
            ForwardedHeader::Forwarded => forwarded(headers),
        };
        for hop in hops.iter().rev() {
            let Some(address) = hop.map(canonical) else { return client };
            client = address;
            if !self.trusts(address) {
                break;
            }
        }
        client
    }
}

/// An IPv4 address written as IPv6 (`::ffff:192.0.2.1`) is the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(address),
        v4 => v4,
    }
}

/// Every hop of every `X-Forwarded-For` line, left to right; `None` where one is unreadable.
fn x_forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("x-forwarded-for")
        .flat_map(|value| value.to_str().unwrap_or("unknown").split(',').map(|hop| node(hop.trim())))
        .collect()
}

/// The `for=` of every element of every `Forwarded` line, left to right (RFC 7239).
fn forwarded(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("forwarded")
        .flat_map(|value| {
            let value = value.to_str().unwrap_or("for=unknown");
            value.split(',').map(|element| {
                let node_of = element.split(';').find_map(|pair| {
                    let (name, value) = pair.trim().split_once('=')?;
                    name.trim().eq_ignore_ascii_case("for").then(|| value.trim().trim_matches('"'))
                });
                node_of.and_then(node)
            })
        })
        .collect()
}

/// One node: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]` or
/// `[2001:db8::1]:4711`; `None` for `unknown`, obfuscated names and anything else.
fn node(text: &str) -> Option<IpAddr> {
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split_once(']').and_then(|(v6, _)| v6.parse().ok());
    }
    text.parse().ok().or_else(|| {
        let (host, port) = text.rsplit_once(':')?;
        port.parse::<u16>().ok()?;
        host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
    })
}

/// A client's source as the throttles count it: an IPv4 address, or an IPv6 /64.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Source(IpNet);

impl Source {
    pub fn of(address: IpAddr) -> Source {
        match canonical(address) {
            IpAddr::V4(v4) => Source(IpNet::from(IpAddr::V4(v4))),
            IpAddr::V6(v6) => Source(IpNet::V6(ipnet::Ipv6Net::new_assert(v6, 64).trunc())),
        }
    }

    /// The source of a request, through the application's trusted proxies (its app data).
    pub fn of_request(req: &HttpRequest) -> Source {
        let peer = req.peer_addr().map(|a| a.ip()).unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let address = match req.app_data::<web::Data<TrustedProxies>>() {
            Some(proxies) => proxies.client(peer, req.headers()),
            None => peer,
        };
        Source::of(address)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            IpNet::V4(v4) => write!(f, "{}", v4.addr()),
            IpNet::V6(v6) => write!(f, "{v6}"),
        }
    }
}

/// The extractor: `source: Source` in a handler's arguments.
impl FromRequest for Source {
    type Error = actix_web::Error;
    type Future = Ready<Result<Source, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Source::of_request(req)))
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(lines: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in lines {
            map.append(HeaderName::from_static(name), HeaderValue::from_static(value));
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn proxies(list: &str, header: ForwardedHeader) -> TrustedProxies {
        TrustedProxies::parse(list, header).unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_it_forwards() {
        let none = TrustedProxies::default();
        let sent = headers(&[("x-forwarded-for", "198.51.100.9"), ("forwarded", "for=198.51.100.9")]);
        assert_eq!(none.client(ip("127.0.0.1"), &sent), ip("127.0.0.1"));
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let trusted = proxies("10.0.0.0/8", ForwardedHeader::XForwardedFor);
        let sent = headers(&[("x-forwarded-for", "198.51.100.9")]);
        assert_eq!(trusted.client(ip("203.0.113.5"), &sent), ip("203.0.113.5"));
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let trusted = proxies("10.0.0.0/8, 192.0.2.7", ForwardedHeader::XForwardedFor);
        // The client wrote the first two hops itself; the proxies appended the rest.
        let sent = headers(&[
            ("x-forwarded-for", "1.1.1.1, 2.2.2.2"),
            ("x-forwarded-for", "203.0.113.5, 192.0.2.7"),
        ]);
        assert_eq!(trusted.client(ip("10.1.2.3"), &sent), ip("203.0.113.5"));
    }

    #[test]
    fn when_every_hop_is_trusted_the_left_most_is_the_client() {
        let trusted = proxies("10.0.0.0/8", ForwardedHeader::XForwardedFor);
        let sent = headers(&[("x-forwarded-for", "10.9.9.9, 10.1.1.1")]);
        assert_eq!(trusted.client(ip("10.0.0.1"), &sent), ip("10.9.9.9"));
        assert_eq!(trusted.client(ip("10.0.0.1"), &HeaderMap::new()), ip("10.0.0.1"), "no header");
    }

    #[test]
    fn an_unreadable_hop_leaves_the_trusted_hop_that_reported_it() {
        let trusted = proxies("10.0.0.0/8", ForwardedHeader::XForwardedFor);
        let sent = headers(&[("x-forwarded-for", "unknown, 10.2.2.2")]);
        assert_eq!(trusted.client(ip("10.0.0.1"), &sent), ip("10.2.2.2"));
    }

    #[test]
    fn only_the_configured_header_is_read() {
        let xff = proxies("127.0.0.1", ForwardedHeader::XForwardedFor);
        let rfc = proxies("127.0.0.1", ForwardedHeader::Forwarded);
        let sent = headers(&[("x-forwarded-for", "198.51.100.1"), ("forwarded", "for=198.51.100.2")]);
        assert_eq!(xff.client(ip("127.0.0.1"), &sent), ip("198.51.100.1"));
        assert_eq!(rfc.client(ip("127.0.0.1"), &sent), ip("198.51.100.2"));
    }

    #[test]
    fn forwarded_elements_are_read_with_their_quotes_ports_and_brackets() {
        let trusted = proxies("127.0.0.1, 192.0.2.60", ForwardedHeader::Forwarded);
        let cases = [
            ("for=192.0.2.43", "192.0.2.43"),
            ("For=\"192.0.2.43:47011\";proto=https", "192.0.2.43"),
            ("for=\"[2001:db8:cafe::17]:4711\"", "2001:db8:cafe::17"),
            ("proto=https;for=\"[2001:db8:cafe::17]\";by=203.0.113.43", "2001:db8:cafe::17"),
            ("for=198.51.100.17, for=192.0.2.60;proto=http", "198.51.100.17"),
        ];
        for (line, client) in cases {
            let mut sent = HeaderMap::new();
            sent.insert(HeaderName::from_static("forwarded"), HeaderValue::from_str(line).unwrap());
            assert_eq!(trusted.client(ip("127.0.0.1"), &sent), ip(client), "{line}");
        }
    }

    #[test]
    fn ipv4_written_as_ipv6_is_ipv4() {
        let trusted = proxies("127.0.0.1", ForwardedHeader::XForwardedFor);
        let sent = headers(&[("x-forwarded-for", "::ffff:198.51.100.3")]);
        assert_eq!(trusted.client(ip("::ffff:127.0.0.1"), &sent), ip("198.51.100.3"));
    }

    #[test]
    fn an_ipv6_source_is_its_64_block_and_an_ipv4_source_its_address() {
        let one = Source::of(ip("2001:db8:1:2:aaaa::1"));
        let same_block = Source::of(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        let next_block = Source::of(ip("2001:db8:1:3::1"));
        assert_eq!(one, same_block);
        assert_ne!(one, next_block);
        assert_eq!(one.to_string(), "2001:db8:1:2::/64");
        assert_eq!(Source::of(ip("198.51.100.3")).to_string(), "198.51.100.3");
        assert_ne!(Source::of(ip("198.51.100.3")), Source::of(ip("198.51.100.4")));
    }

    #[test]
    fn a_proxy_list_takes_blocks_and_addresses_and_refuses_anything_else() {
        let list = proxies(" 10.0.0.0/8,2001:db8::/32  192.0.2.7 ", ForwardedHeader::Forwarded);
        assert!(list.trusts(ip("10.255.0.1")) && list.trusts(ip("2001:db8:ffff::1")));
        assert!(list.trusts(ip("192.0.2.7")) && !list.trusts(ip("192.0.2.8")));
        assert!(proxies("", ForwardedHeader::Forwarded).is_empty());
        assert!(TrustedProxies::parse("10.0.0.0/33", ForwardedHeader::Forwarded).is_err());
        assert!(TrustedProxies::parse("proxy.example.jp", ForwardedHeader::Forwarded).is_err());
        assert_eq!(ForwardedHeader::parse(" Forwarded ").unwrap(), ForwardedHeader::Forwarded);
        assert!(ForwardedHeader::parse("x-real-ip").is_err());
    }
}
