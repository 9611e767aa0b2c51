# The API and the SPA in one image. Build: docker compose build (or docker build -t senkoi .)

FROM rust:1.95-bookworm AS build
RUN rustup target add wasm32-unknown-unknown && rustup component add rustfmt clippy
WORKDIR /src
COPY . .
ENV CARGO_TARGET_DIR=/src/target
RUN cargo xtask build-spa \
 && cargo build --release -p senkoi-api --bin senkoi

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /var/lib/senkoi --create-home senkoi
COPY --from=build /src/target/release/senkoi /usr/local/bin/senkoi
COPY --from=build /src/target/spa /srv/senkoi/spa
USER senkoi
WORKDIR /var/lib/senkoi
ENV SENKOI_BIND=0.0.0.0:8080 \
    SENKOI_STATIC_DIR=/srv/senkoi/spa
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD curl -fsS http://127.0.0.1:8080/api/health || exit 1
CMD ["senkoi", "serve"]
