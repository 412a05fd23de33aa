//! Saving off the keyboard's thread: the report is serialised where it lives, and written, fsynced
//! and renamed by a writer thread, so that a slow disk never delays a key. Saves are applied in order;
//! when several wait, only the newest is written.

use crate::store::write_atomic;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

pub struct Saver {
    path: PathBuf,
    jobs: Option<Sender<(u64, Vec<u8>)>>,
    results: Option<Receiver<(u64, Result<(), String>)>>,
    writer: Option<JoinHandle<()>>,
    /// The number of the newest save handed over.
    pub latest: u64,
}

impl Saver {
    /// A saver for `path`; its thread starts with the first save, not before the first frame.
    pub fn start(path: PathBuf) -> Saver {
        Saver {
            path,
            jobs: None,
            results: None,
            writer: None,
            latest: 0,
        }
    }

    fn spawn(&mut self) {
        let (jobs, inbox) = channel::<(u64, Vec<u8>)>();
        let (outbox, results) = channel();
        let path = self.path.clone();
        self.writer = std::thread::Builder::new()
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
        self.jobs = Some(jobs);
        self.results = Some(results);
    }

    /// Hand over a whole report to write. False when the writer is gone (the caller saves itself).
    pub fn submit(&mut self, bytes: Vec<u8>) -> bool {
        if self.writer.is_none() && self.jobs.is_none() {
            self.spawn();
        }
        self.latest += 1;
        match &self.jobs {
            Some(tx) if self.writer.is_some() => tx.send((self.latest, bytes)).is_ok(),
            _ => false,
        }
    }

    /// Results that have come back since the last call, oldest first.
    pub fn poll(&self) -> Vec<(u64, Result<(), String>)> {
        self.results
            .as_ref()
            .map_or_else(Vec::new, |r| r.try_iter().collect())
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
