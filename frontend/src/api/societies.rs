//! The board's calls about societies' systems: their clients, the secrets of each (shown once),
//! and how each client's webhook endpoints fare. Call them through `Session::authorized`.

use senkoi_domain::wire::{
    EndpointHealth, IssuedSecret, SocietyClientCreated, SocietyClientRequest, SocietyClientView,
};

use super::{ApiProblem, Verb, decode, decode_empty, path_token, send};

/// `GET /society-clients`: every client, newest first.
pub async fn clients(token: String) -> Result<Vec<SocietyClientView>, ApiProblem> {
    decode(send::<()>(Verb::Get, "/society-clients", Some(&token), None).await?).await
}

/// `POST /society-clients`: a client for one specialty, with its first secret (shown once).
pub async fn create_client(
    token: String,
    body: SocietyClientRequest,
) -> Result<SocietyClientCreated, ApiProblem> {
    decode(send(Verb::Post, "/society-clients", Some(&token), Some(&body)).await?).await
}

/// `POST /society-clients/{id}/secrets`: a second secret, to rotate without downtime.
pub async fn add_secret(token: String, client: String) -> Result<IssuedSecret, ApiProblem> {
    let client = path_token(&client)?;
    decode(send::<()>(Verb::Post, &format!("/society-clients/{client}/secrets"), Some(&token), None).await?)
        .await
}

/// `DELETE /society-clients/{id}/secrets/{secret}`.
pub async fn revoke_secret(token: String, client: String, secret: String) -> Result<(), ApiProblem> {
    let (client, secret) = (path_token(&client)?, path_token(&secret)?);
    let path = format!("/society-clients/{client}/secrets/{secret}");
    decode_empty(send::<()>(Verb::Delete, &path, Some(&token), None).await?).await
}

/// `DELETE /society-clients/{id}`: the client's tokens stop working at once.
pub async fn revoke_client(token: String, client: String) -> Result<(), ApiProblem> {
    let client = path_token(&client)?;
    decode_empty(send::<()>(Verb::Delete, &format!("/society-clients/{client}"), Some(&token), None).await?)
        .await
}

/// `GET /society-clients/{id}/webhook-endpoints`: the client's endpoints and their deliveries.
pub async fn endpoints(token: String, client: String) -> Result<Vec<EndpointHealth>, ApiProblem> {
    let client = path_token(&client)?;
    decode(
        send::<()>(Verb::Get, &format!("/society-clients/{client}/webhook-endpoints"), Some(&token), None)
            .await?,
    )
    .await
}
