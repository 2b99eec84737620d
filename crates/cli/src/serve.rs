//! `crosscheck serve`: the web UI and the HTTP API over the store, after ingesting any
//! inputs into it (so `crosscheck serve examples/crocus` opens the seed dossier).

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::Args;
use crosscheck_ingest::Limits;
use crosscheck_pipeline::Filer;
use crosscheck_server::{Config, RateLimit, Reading};

use crate::{ingest, parse_size, DbArg, ReadOptions};

#[derive(Args)]
pub struct ServeArgs {
    /// Files or directories to ingest before serving (as for `ingest`).
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArg,
    /// The address to listen on; only loopback unless --allow-remote.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Listen on an address other machines reach; a token is then required.
    #[arg(long)]
    allow_remote: bool,
    /// The access token every request must carry (`Authorization: Bearer`, or open any page
    /// once with `?token=`); at least 16 characters.
    #[arg(long, env = "CROSSCHECK_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// The largest request body, an upload say (suffixes K, M, G allowed).
    #[arg(long, default_value = "20M", value_parser = parse_size)]
    max_body: usize,
    /// Requests a client may make: PER_SECOND, or PER_SECOND/BURST (a benchmark from one
    /// address needs it raised); 20/100 by default.
    #[arg(long, value_parser = parse_rate)]
    rate_limit: Option<RateLimit>,
    #[command(flatten)]
    options: ReadOptions,
}

/// `20` (a burst of five seconds' worth) or `20/100`.
fn parse_rate(value: &str) -> Result<RateLimit, String> {
    let number = |s: &str| match s.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 => Ok(n),
        _ => Err(format!("{s:?} is not a positive number")),
    };
    let (rate, burst) = match value.split_once('/') {
        Some((rate, burst)) => (number(rate)?, number(burst)?),
        None => (number(value)?, number(value)? * 5.0),
    };
    Ok(RateLimit {
        per_second: rate,
        burst: burst.max(1.0),
    })
}

pub fn run(args: &ServeArgs, quiet: bool) -> anyhow::Result<u8> {
    check_access(args)?;
    let store = args.db.open()?;
    let mut filer = Filer::resume(&*store)?;
    if !args.inputs.is_empty() {
        ingest::into_store(
            &args.inputs,
            &args.options,
            &args.db,
            &*store,
            &mut filer,
            quiet,
        )?;
    }
    let config = Config {
        token: args.token.clone(),
        max_body: args.max_body,
        rate: args.rate_limit.unwrap_or_default(),
        reading: Reading {
            limits: Limits {
                max_document_bytes: args.options.max_doc_size,
            },
            reference_date: args.options.reference_date,
            threads: args.options.threads(),
        },
        ..Config::default()
    };
    let app = crosscheck_server::router(store, filer, config);
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?
        .block_on(serve(app, args.addr))?;
    Ok(0)
}

/// Refuses to open the store to other machines by accident, or without a token.
fn check_access(args: &ServeArgs) -> anyhow::Result<()> {
    if let Some(problem) = args
        .token
        .as_deref()
        .and_then(crosscheck_server::token_problem)
    {
        bail!("{problem}");
    }
    if args.addr.ip().is_loopback() {
        return Ok(());
    }
    if !args.allow_remote {
        bail!(
            "{} is reachable from other machines: pass --allow-remote (with --token or CROSSCHECK_TOKEN) to serve it",
            args.addr
        );
    }
    if args.token.is_none() {
        bail!(
            "serving {} to other machines needs an access token: --token or CROSSCHECK_TOKEN",
            args.addr
        );
    }
    Ok(())
}

/// Serves until Ctrl-C, printing the address it listens on (the port chosen, for port 0).
async fn serve(app: axum::Router, addr: SocketAddr) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("listening on {addr}"))?;
    let local = listener.local_addr()?;
    println!("crosscheck: serving http://{local}/ (Ctrl-C stops)");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        // Where Ctrl-C cannot be watched, serve on: killing the process stops it.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
    .await
    .context("serving")
}
