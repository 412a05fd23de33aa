//! Saving off the keyboard's thread: the report is serialised where it lives, and written, fsynced
//! and renamed by a writer thread, so that a slow disk never delays a key. Saves are applied in order;
//! when several wait, only the newest is written.

use crate::store::write_atomic;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

pub struct Saver {
    jobs: Option<Sender<(u64, Vec<u8>)>>,
    results: Receiver<(u64, Result<(), String>)>,
    writer: Option<JoinHandle<()>>,
    /// The number of the newest save handed over.
    pub latest: u64,
}

impl Saver {
    pub fn start(path: PathBuf) -> Saver {
        let (jobs, inbox) = channel::<(u64, Vec<u8>)>();
        let (outbox, results) = channel();
        let writer = std::thread::Builder::new()
            .name("saualnama-save".into())
            .spawn(move || {
                while let Ok(mut job) = inbox.recv() {
                    // Skip to the newest: an older state written after it would be a step back.
                    while let Ok(newer) = inbox.try_recv() {
                        job = newer;
                    }
                    let r = write_atomic(&path, &job.1, true).map_err(|e| e.to_string());
                    if outbox.send((job.0, r)).is_err() {
                        break;
                    }
                }
            })
            .ok();
        Saver {
            jobs: Some(jobs),
            results,
            writer,
            latest: 0,
        }
    }

    /// Hand over a whole report to write. False when the writer is gone (the caller saves itself).
    pub fn submit(&mut self, bytes: Vec<u8>) -> bool {
        self.latest += 1;
        match &self.jobs {
            Some(tx) if self.writer.is_some() => tx.send((self.latest, bytes)).is_ok(),
            _ => false,
        }
    }

    /// Results that have come back since the last call, oldest first.
    pub fn poll(&self) -> Vec<(u64, Result<(), String>)> {
        self.results.try_iter().collect()
    }

    /// Wait for every save handed over; what came back.
    pub fn finish(&mut self) -> Vec<(u64, Result<(), String>)> {
        self.jobs = None;
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
        self.poll()
    }
}
