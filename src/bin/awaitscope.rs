fn main() {
    println!("awaitscope {}", env!("CARGO_PKG_VERSION"));
}
