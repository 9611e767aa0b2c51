//! A counting SMTP sink on loopback: the servers under test send their outbox here, and the
//! bench counts every delivery by its Message-ID, so a mail sent twice (by two processes' workers)
//! shows as a duplicate.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, Default)]
pub struct Sink {
    deliveries: Arc<Mutex<HashMap<String, u32>>>,
}

/// What arrived: distinct mails, deliveries in all, and how many mails arrived more than once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub mails: usize,
    pub deliveries: u64,
    pub duplicated: usize,
}

impl Sink {
    /// Listens on a free loopback port; answers the sink and its `smtp://` URL.
    pub async fn start() -> Result<(Sink, String), String> {
        let listener = TcpListener::bind("127.0.0.1:0").await.map_err(|e| format!("smtp sink: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let sink = Sink::default();
        let accepting = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let sink = accepting.clone();
                tokio::spawn(async move {
                    let _ = sink.session(stream).await;
                });
            }
        });
        Ok((sink, format!("smtp://127.0.0.1:{port}")))
    }

    pub fn tally(&self) -> Tally {
        let deliveries = self.deliveries.lock().unwrap_or_else(|e| e.into_inner());
        Tally {
            mails: deliveries.len(),
            deliveries: deliveries.values().map(|n| u64::from(*n)).sum(),
            duplicated: deliveries.values().filter(|n| **n > 1).count(),
        }
    }

    pub fn clear(&self) {
        self.deliveries.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    async fn session(&self, stream: TcpStream) -> std::io::Result<()> {
        stream.set_nodelay(true)?;
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 bench-sink ESMTP\r\n").await?;
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
            match verb.as_str() {
                "EHLO" => write.write_all(b"250-bench-sink\r\n250 8BITMIME\r\n").await?,
                "DATA" => {
                    write.write_all(b"354 go ahead\r\n").await?;
                    let message_id = read_message(&mut lines).await?;
                    *self
                        .deliveries
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .entry(message_id.unwrap_or_default())
                        .or_default() += 1;
                    write.write_all(b"250 queued\r\n").await?;
                }
                "QUIT" => {
                    write.write_all(b"221 bye\r\n").await?;
                    return Ok(());
                }
                _ => write.write_all(b"250 ok\r\n").await?,
            }
        }
    }
}

/// Reads a message up to its lone `.`; answers its Message-ID.
async fn read_message(
    lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<Option<String>> {
    let mut message_id = None;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(message_id);
        }
        let trimmed = line.trim_end();
        if trimmed == "." {
            return Ok(message_id);
        }
        if message_id.is_none()
            && let Some((name, value)) = trimmed.split_once(':')
            && name.eq_ignore_ascii_case("message-id")
        {
            message_id = Some(value.trim().to_string());
        }
    }
}
