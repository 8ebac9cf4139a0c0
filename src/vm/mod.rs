pub mod format;
pub mod random_mt;
