//! `storefront` serves the shop; `storefront sandbox` serves the sandbox API alone.

use std::process::ExitCode;
use storefront::{config::Config, server};

/// Each open connection (10,000 live-status viewers) holds hyper's 8 KB read and write
/// buffers, of which it writes a few hundred bytes: with jemalloc the rest stays unbacked.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

const USAGE: &str = "usage: storefront [serve | sandbox]

  serve     run the shop (the default); with CR_API_URL unset it serves the
            embedded sandbox API under /sandbox/api as well
  sandbox   run only the sandbox API, under /sandbox/api, on LEPTOS_SITE_ADDR

Configuration comes from the environment and a .env file (see README.md).";

#[tokio::main]
async fn main() -> ExitCode {
    // A missing .env is normal; a broken one is worth knowing about.
    if let Err(error) = dotenvy::dotenv() {
        if !error.not_found() {
            eprintln!("storefront: could not read .env: {error}");
            return ExitCode::from(2);
        }
    }
    server::logging::init();

    let command = std::env::args().nth(1);
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("storefront: {error}");
            return ExitCode::from(2);
        }
    };
    let outcome = match command.as_deref() {
        None | Some("serve") => server::serve(config).await,
        Some("sandbox") => server::serve_sandbox(config).await,
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!("storefront: unknown command `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("storefront: {error}");
            ExitCode::FAILURE
        }
    }
}
