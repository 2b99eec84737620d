//! What the end-to-end tests share: the binary under test, and the address a server it
//! started listens on.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command};

/// The `crosscheck` binary with `args`, free of the caller's store and token settings.
pub fn crosscheck(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    command
        .args(args)
        .env_remove("CROSSCHECK_DB")
        .env_remove("CROSSCHECK_TOKEN");
    command
}

/// The address a `crosscheck serve` child printed it listens on (its stdout piped).
// Each test file compiles this module anew; those that start no server leave this unused.
#[allow(dead_code)]
pub fn listening(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("a line");
    line.split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string()
}
