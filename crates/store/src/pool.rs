//! A small pool of connections, shared by the stores that hold several (SQLite's readers,
//! PostgreSQL's connections): at most `max` open, a caller waits when all are in use, and a
//! connection found broken is replaced rather than handed out.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

pub(crate) struct Pool<C> {
    state: Mutex<State<C>>,
    free: Condvar,
    max: usize,
}

/// The connections idle, and how many exist.
struct State<C> {
    idle: Vec<C>,
    open: usize,
}

impl<C> Pool<C> {
    pub(crate) fn new(max: usize) -> Self {
        Pool {
            state: Mutex::new(State {
                idle: Vec::new(),
                open: 0,
            }),
            free: Condvar::new(),
            max,
        }
    }

    /// Runs `work` on an idle connection that `healthy` accepts, opening one with `open`
    /// when none is idle and fewer than `max` exist, else waiting for one. The connection
    /// goes back to the pool afterwards, whatever `work` returned.
    pub(crate) fn with<T, E>(
        &self,
        open: impl FnOnce() -> Result<C, E>,
        healthy: impl Fn(&C) -> bool,
        work: impl FnOnce(&mut C) -> Result<T, E>,
    ) -> Result<T, E> {
        let idle = {
            let mut state = lock(&self.state);
            loop {
                if let Some(conn) = state.idle.pop() {
                    if healthy(&conn) {
                        break Some(conn);
                    }
                    // A broken connection: dropped, and its place taken by a new one.
                    break None;
                }
                if state.open < self.max {
                    state.open += 1;
                    break None;
                }
                state = self
                    .free
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        let mut conn = match idle {
            Some(conn) => conn,
            None => match open() {
                Ok(conn) => conn,
                Err(e) => {
                    lock(&self.state).open -= 1;
                    self.free.notify_one();
                    return Err(e);
                }
            },
        };
        let result = work(&mut conn);
        lock(&self.state).idle.push(conn);
        self.free.notify_one();
        result
    }
}

/// A lock, even when a thread panicked while holding it: a store call that panicked has
/// rolled its transaction back, so what the mutex guards is still whole.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
