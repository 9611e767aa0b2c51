//! A webhook receiver on loopback: a small HTTP/1.1 server that keeps every request it gets and
//! answers each with the next status of its script (then 200), as a society's system would.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    /// Header names in lowercase.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The status it was answered with.
    pub answered: u16,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Inner {
    script: VecDeque<u16>,
    received: Vec<Received>,
    /// How long it takes to answer, once it has read a request.
    delay: Duration,
}

/// A running receiver; it stops with the test's runtime.
#[derive(Clone)]
pub struct Receiver {
    pub port: u16,
    inner: Arc<Mutex<Inner>>,
}

impl Receiver {
    /// Starts a receiver that answers its first requests with `script`, then 200.
    pub async fn start(script: &[u16]) -> Receiver {
        Receiver::start_slow(script, Duration::ZERO).await
    }

    /// A receiver that takes `delay` to answer each request (a society's slow system).
    pub async fn start_slow(script: &[u16], delay: Duration) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let port = listener.local_addr().expect("an address").port();
        let inner = Arc::new(Mutex::new(Inner {
            script: script.iter().copied().collect(),
            delay,
            ..Default::default()
        }));
        let shared = inner.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let shared = shared.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut reader = BufReader::new(read);
                    let mut line = String::new();
                    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let path = line.split_whitespace().nth(1).unwrap_or_default().to_string();
                    let mut headers = Vec::new();
                    loop {
                        let mut header = String::new();
                        if reader.read_line(&mut header).await.unwrap_or(0) == 0 || header.trim().is_empty() {
                            break;
                        }
                        if let Some((name, value)) = header.trim_end().split_once(':') {
                            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
                        }
                    }
                    let length = headers
                        .iter()
                        .find(|(n, _)| n == "content-length")
                        .and_then(|(_, v)| v.parse::<usize>().ok())
                        .unwrap_or(0);
                    let mut body = vec![0; length];
                    let _ = reader.read_exact(&mut body).await;
                    let (status, delay) = {
                        let mut inner = shared.lock().unwrap();
                        let status = inner.script.pop_front().unwrap_or(200);
                        let body = String::from_utf8_lossy(&body).into_owned();
                        inner.received.push(Received { path, headers, body, answered: status });
                        (status, inner.delay)
                    };
                    tokio::time::sleep(delay).await;
                    let answer =
                        format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                    let _ = write.write_all(answer.as_bytes()).await;
                    let _ = write.shutdown().await;
                });
            }
        });
        Receiver { port, inner }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.inner.lock().unwrap().received.clone()
    }

    /// Waits up to 20 s until `count` requests came; answers them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..200 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the receiver got {} requests, not {count}", self.received().len());
    }
}
