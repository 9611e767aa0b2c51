//! Password hashing (argon2id) on a bounded pool: at most as many hashes run at once as there are
//! cores, and only so many wait; beyond that a request is told to come back (503 with
//! `Retry-After`), so a login flood cannot queue unbounded work or memory.

use std::sync::{Arc, LazyLock};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::Rng;
use tokio::sync::Semaphore;

use crate::error::ApiError;
use crate::ids::random_token;

/// How many hashing requests may wait for a core, per core.
const WAITING_PER_CORE: usize = 32;

/// The bounded pool. Clones share it.
#[derive(Clone)]
pub struct PasswordPool {
    running: Arc<Semaphore>,
    admitted: Arc<Semaphore>,
}

impl Default for PasswordPool {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        PasswordPool::new(cores, cores * WAITING_PER_CORE)
    }
}

impl PasswordPool {
    /// `running` hashes at once; `waiting` more may queue.
    pub fn new(running: usize, waiting: usize) -> PasswordPool {
        PasswordPool {
            running: Arc::new(Semaphore::new(running)),
            admitted: Arc::new(Semaphore::new(running + waiting)),
        }
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
        let _admitted = self.admitted.clone().try_acquire_owned().map_err(|_| ApiError::busy())?;
        let _running = self.running.clone().acquire_owned().await.map_err(|_| ApiError::busy())?;
        tokio::task::spawn_blocking(work).await.map_err(|e| ApiError::Internal(format!("hashing: {e}")))
    }

    /// An argon2id hash of `password` in PHC form.
    pub async fn hash(&self, password: &str) -> Result<String, ApiError> {
        let password = password.to_owned();
        self.run(move || hash_password(&password)).await?
    }

    /// Whether `password` matches `hash`. With no hash (unknown login) it does the same work, so
    /// that neither timing nor answer tells whether an account exists.
    pub async fn verify(&self, password: &str, hash: Option<String>) -> Result<bool, ApiError> {
        let password = password.to_owned();
        self.run(move || verify_password(&password, hash.as_deref())).await
    }
}

/// An argon2id hash of `password` in PHC form (blocking: call through [`PasswordPool`] in requests).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::encode_b64(&rand::rng().random::<[u8; 16]>())
        .map_err(|e| ApiError::Internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("hashing a password: {e}")))
}

/// Checks `password` against `hash` (blocking). Without a hash it checks against a dummy.
pub fn verify_password(password: &str, hash: Option<&str>) -> bool {
    static DUMMY: LazyLock<String> = LazyLock::new(|| hash_password(&random_token(16)).unwrap_or_default());
    match PasswordHash::new(hash.unwrap_or(&DUMMY)) {
        Ok(parsed) => {
            Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && hash.is_some()
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("Senkoi2024").unwrap();
        assert!(verify_password("Senkoi2024", Some(&hash)));
        assert!(!verify_password("senkoi2024", Some(&hash)));
        assert!(!verify_password("Senkoi2024", None));
    }

    #[tokio::test]
    async fn a_full_pool_turns_requests_away_instead_of_queueing_them() {
        let pool = PasswordPool::new(1, 1);
        let hash = hash_password("Senkoi2024").unwrap();
        let (a, b, c) = tokio::join!(
            pool.verify("Senkoi2024", Some(hash.clone())),
            pool.verify("Senkoi2024", Some(hash.clone())),
            pool.verify("Senkoi2024", Some(hash.clone())),
        );
        let refused = [&a, &b, &c].iter().filter(|r| r.is_err()).count();
        assert_eq!(refused, 1, "one runs, one waits, the third is told to come back");
        assert!(matches!(c, Err(ApiError::Later { code: "busy", retry_after: 1, .. })));
        assert!(pool.verify("Senkoi2024", Some(hash)).await.unwrap(), "the pool recovers");
    }
}
