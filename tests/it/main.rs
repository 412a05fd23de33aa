//! The integration tests, one binary (one link, one run): each module is what was a test file.
//! Tests that need what this machine may lack (root, a mount, LibreOffice, Chromium, sshd) say why
//! they skip, and fail instead when `CI` is set.

mod backend_differential;
mod bad_input;
mod binary_layout;
mod cli_commands;
mod common;
mod e2e_pty;
mod e2e_resilience;
mod e2e_ssh;
mod export;
mod findings;
mod findings_corpus;
mod form_structure;
mod language;
mod layers;
mod next_period;
mod persistence;
mod plain_mode;
mod session_roundtrip;
mod shared_server;
mod spreadsheets;
mod summary_tally;
mod tui_keys;
mod tui_screens;
mod working_group;
