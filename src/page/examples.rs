//! The built-in example programs shown in the examples menu.
//!
//! Each one is a program of the conformance suite (`tests/conformance/`), so its
//! output and timing are checked against CPython 3.11 like every other program:
//! the ten tutorial programs of the design brief, then what tutorials teach next.

/// One built-in example: an id for URLs and tests, a menu title, and the Python source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub source: &'static str,
}

macro_rules! example {
    ($id:literal, $title:literal, $path:literal) => {
        Example {
            id: $id,
            title: $title,
            source: include_str!(concat!("../../tests/conformance/", $path)),
        }
    };
}

/// Every built-in example, in menu order.
#[rustfmt::skip]
pub const EXAMPLES: &[Example] = &[
    example!("async-function", "1. An async function: sleep, then print", "tutorial/01_async_function.py"),
    example!("gather", "2. task1 (1 s) and task2 (2 s) under gather", "tutorial/02_gather_tasks.py"),
    example!("try-except", "3. try / except around a failing coroutine", "tutorial/03_try_except.py"),
    example!("greet-gather", "4. greet(\"Hello\") and greet(\"World\") gathered", "tutorial/04_greet_gather.py"),
    example!("aiohttp", "5. aiohttp: fetch JSON over HTTP", "tutorial/05_aiohttp_fetch.py"),
    example!("aiofiles", "6. aiofiles: write a file", "tutorial/06_aiofiles_write.py"),
    example!("greet-await", "7. greet() awaited from main()", "tutorial/07_greet_await.py"),
    example!("delayed-greet", "8. delayed_greet() with sleep(2)", "tutorial/08_delayed_greet.py"),
    example!("workers", "9. Three workers (5 s, 3 s, 1 s) gathered", "tutorial/09_workers.py"),
    example!("error-prone", "10. error_prone_worker(): a ValueError caught", "tutorial/10_error_prone_worker.py"),
    example!("create-task", "11. create_task: start now, await later", "examples/11_create_task.py"),
    example!("wait-for", "12. wait_for with a timeout", "examples/12_wait_for_timeout.py"),
    example!("cancel", "13. Cancelling a task", "examples/13_cancel.py"),
    example!("queue", "14. Queue: a producer and a consumer", "examples/14_queue.py"),
    example!("semaphore", "15. Semaphore: at most two at a time", "examples/15_semaphore.py"),
    example!("taskgroup", "16. TaskGroup: wait for all, or cancel all on a failure", "examples/16_taskgroup.py"),
    example!("blocking-sleep", "17. The mistake: time.sleep() blocks every task", "examples/17_blocking_sleep.py"),
];

/// The example the page opens with: tutorial program 2.
pub const DEFAULT: &str = "gather";

/// The example with this id, if any.
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|example| example.id == id)
}
