//! A real SMTP server on loopback for the tests: it speaks the protocol (EHLO, MAIL, RCPT, DATA,
//! QUIT) to whatever connects, keeps what arrives, and can be stopped and started again on the
//! same port to show that mail queued meanwhile is not lost.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// One mail as it arrived, with its headers and body decoded.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub envelope_to: Vec<String>,
    pub raw: String,
    pub subject: String,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

impl ReceivedMail {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The first link in the body that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        let start = self.body.find(prefix)?;
        Some(self.body[start..].split_whitespace().next()?.to_owned())
    }
}

#[derive(Default)]
struct Inbox {
    mails: Mutex<Vec<ReceivedMail>>,
    arrived: Notify,
}

pub struct SmtpServer {
    port: u16,
    inbox: Arc<Inbox>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl SmtpServer {
    /// Listens on a free port of 127.0.0.1.
    pub async fn start() -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the SMTP server");
        let port = listener.local_addr().expect("a local address").port();
        let server = SmtpServer { port, inbox: Arc::default(), task: Mutex::new(None) };
        server.serve(listener);
        server
    }

    /// `smtp://127.0.0.1:<port>` (no TLS, no authentication).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn serve(&self, listener: TcpListener) {
        let inbox = self.inbox.clone();
        let task = tokio::spawn(async move {
            let mut sessions = tokio::task::JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                sessions.spawn(session(stream, inbox.clone()));
            }
        });
        *self.task.lock().unwrap() = Some(task);
    }

    /// Stops listening: connections are refused until [`SmtpServer::restart`].
    pub fn stop(&self) {
        if let Some(task) = self.task.lock().unwrap().take() {
            task.abort();
        }
    }

    /// Listens again on the same port.
    pub async fn restart(&self) {
        self.stop();
        let mut tries = 0;
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(listener) => break listener,
                Err(e) if tries < 50 => {
                    tries += 1;
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("re-bind the SMTP server: {e}"),
            }
        };
        self.serve(listener);
    }

    /// Every mail so far.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        self.inbox.mails.lock().unwrap().clone()
    }

    /// The mails so far to `address`.
    pub fn mails_to(&self, address: &str) -> Vec<ReceivedMail> {
        self.mails()
            .into_iter()
            .filter(|m| m.envelope_to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .collect()
    }

    /// Waits (up to 30 s) for the `n`th mail to `address` whose subject contains `subject`.
    pub async fn wait_for_nth(&self, address: &str, subject: &str, n: usize) -> ReceivedMail {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let arrived = self.inbox.arrived.notified();
            let found: Vec<ReceivedMail> =
                self.mails_to(address).into_iter().filter(|m| m.subject.contains(subject)).collect();
            if found.len() >= n {
                return found[n - 1].clone();
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                panic!(
                    "no mail #{n} to {address} about {subject:?} within 30 s; arrived: {:?}",
                    self.subjects()
                );
            }
        }
    }

    /// Waits for the first mail to `address` whose subject contains `subject`.
    pub async fn wait_for(&self, address: &str, subject: &str) -> ReceivedMail {
        self.wait_for_nth(address, subject, 1).await
    }

    fn subjects(&self) -> Vec<(Vec<String>, String)> {
        self.mails().into_iter().map(|m| (m.envelope_to, m.subject)).collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One SMTP conversation.
async fn session(stream: TcpStream, inbox: Arc<Inbox>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let mut to = Vec::new();
    if write.write_all(b"220 senkoi-test ESMTP\r\n").await.is_err() {
        return;
    }
    while let Ok(Some(line)) = lines.next_line().await {
        let verb = line.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-senkoi-test\r\n250 8BITMIME\r\n",
            "HELO" | "NOOP" => b"250 ok\r\n",
            "RSET" => {
                to.clear();
                b"250 ok\r\n"
            }
            "MAIL" => b"250 ok\r\n",
            "RCPT" => {
                let address =
                    line.split_once(':').map(|(_, a)| a.trim().trim_matches(['<', '>'])).unwrap_or("");
                to.push(address.to_owned());
                b"250 ok\r\n"
            }
            "DATA" => {
                if write.write_all(b"354 end with .\r\n").await.is_err() {
                    return;
                }
                let mut raw = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if line == "." {
                        break;
                    }
                    raw.push_str(line.strip_prefix('.').filter(|_| line.starts_with("..")).unwrap_or(&line));
                    raw.push_str("\r\n");
                }
                inbox.mails.lock().unwrap().push(decode(std::mem::take(&mut to), raw));
                inbox.arrived.notify_waiters();
                b"250 queued\r\n"
            }
            "QUIT" => {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            }
            _ => b"502 not implemented\r\n",
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}

fn decode(envelope_to: Vec<String>, raw: String) -> ReceivedMail {
    let parsed = mailparse::parse_mail(raw.as_bytes()).expect("a well-formed mail");
    let headers = parsed.headers.iter().map(|h| (h.get_key(), h.get_value())).collect();
    let subject = parsed
        .headers
        .iter()
        .find(|h| h.get_key_ref().eq_ignore_ascii_case("subject"))
        .map(|h| h.get_value())
        .unwrap_or_default();
    let body = parsed.get_body().expect("a readable body");
    ReceivedMail { envelope_to, raw, subject, body, headers }
}
