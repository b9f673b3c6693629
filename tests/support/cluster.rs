//! Real processes for the multi-instance tests and their benchmark: a Redis server of its
//! own on a free port, shop instances (this build's `storefront` binary) sharing it in
//! front of one sandbox, and Debian's nginx balancing between them with the example
//! configuration the README shows (`deploy/nginx/storefront.conf`).

use std::{
    net::{SocketAddr, TcpListener},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A command from Debian's packages (`scripts/setup` installs them): on `PATH`, or where
/// Debian puts it for root (`/usr/sbin`).
fn program(name: &str) -> PathBuf {
    for dir in std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .chain(["/usr/sbin", "/usr/bin"])
    {
        let candidate = Path::new(dir).join(name);
        if candidate.is_file() {
            return candidate;
        }
    }
    panic!("{name} is not installed: run scripts/setup");
}

fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} listening on {port} within 20 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn scratch_dir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "storefront-{what}-{}-{}",
        std::process::id(),
        free_port()
    ));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// `redis-server` on a free port, writing every change to its append-only file, so a
/// restart (as after `SHUTDOWN`) comes back with what it held.
pub struct Redis {
    pub port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

impl Redis {
    pub fn start() -> Self {
        let mut redis = Self {
            port: free_port(),
            dir: scratch_dir("redis"),
            child: None,
        };
        redis.resume();
        redis
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Starts it again on the same port and files.
    pub fn resume(&mut self) {
        let child = Command::new(program("redis-server"))
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args([
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
            ])
            .arg("--dir")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        wait_for_port(self.port, "redis-server");
    }

    /// Freezes it (`SIGSTOP`): connections stay open and nothing answers, as with a
    /// Redis that hangs; `thaw` lets it go on.
    pub fn freeze(&self) {
        self.signal(libc::SIGSTOP);
    }

    pub fn thaw(&self) {
        self.signal(libc::SIGCONT);
    }

    fn signal(&self, signal: libc::c_int) {
        let child = self.child.as_ref().expect("redis-server running");
        assert!(send(child, signal), "signal {signal} sent");
    }

    /// Stops it as an operator would (`SIGTERM`: it writes its files and exits).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            terminate(&mut child);
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        if self.child.is_some() {
            self.thaw();
        }
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Sends `signal` to `child`; `false` if it could not be sent.
fn send(child: &Child, signal: libc::c_int) -> bool {
    let Ok(pid) = libc::pid_t::try_from(child.id()) else {
        return false;
    };
    // SAFETY: kill(2) on our own child's pid; no memory is shared.
    unsafe { libc::kill(pid, signal) == 0 }
}

fn terminate(child: &mut Child) {
    send(child, libc::SIGTERM);
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// One shop instance: the `storefront` binary of this build, in front of `api` (a
/// sandbox), sharing `redis`.
pub struct Instance {
    pub addr: SocketAddr,
    child: Option<Child>,
}

impl Instance {
    pub fn start(api: &str, redis: Option<&str>, extra: &[(&str, &str)]) -> Self {
        let port = free_port();
        let mut command = Command::new(env!("CARGO_BIN_EXE_storefront"));
        command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", "target/site")
            .env("LEPTOS_OUTPUT_NAME", "storefront")
            .env("CR_API_URL", api)
            .env("CR_PARTNER_ID", "test-partner")
            .env("CR_APP_VERSION", "test-1")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null());
        if let Some(redis) = redis {
            command.env("STOREFRONT_REDIS_URL", redis);
        }
        for (name, value) in extra {
            command.env(name, value);
        }
        let child = command.spawn().expect("the storefront binary starts");
        wait_for_port(port, "a shop instance");
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            child: Some(child),
        }
    }

    /// Kills it outright, as a machine that dies would leave it.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill();
    }
}

/// nginx in front of `instances`, from the README's example configuration with this
/// test's ports put in.
pub struct Balancer {
    pub addr: SocketAddr,
    dir: PathBuf,
    child: Option<Child>,
}

impl Balancer {
    pub fn start(instances: &[SocketAddr]) -> Self {
        let example = std::fs::read_to_string("deploy/nginx/storefront.conf")
            .expect("the example nginx configuration");
        let port = free_port();
        let dir = scratch_dir("nginx");
        let servers: String = instances
            .iter()
            .map(|addr| format!("    server {addr} max_fails=1 fail_timeout=5s;\n"))
            .collect();
        let config = fill_in(&example, &servers, port, &dir);
        let path = dir.join("nginx.conf");
        std::fs::write(&path, config).expect("the nginx configuration written");
        let child = Command::new(program("nginx"))
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(&path)
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .spawn()
            .expect("nginx starts");
        wait_for_port(port, "nginx");
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            dir,
            child: Some(child),
        }
    }
}

/// The example with this run's upstream servers, port and writable paths (nginx run by a
/// user other than root writes its pid, logs and buffers where it may).
fn fill_in(example: &str, servers: &str, port: u16, dir: &Path) -> String {
    let mut out = String::new();
    let mut in_upstream = false;
    for line in example.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("upstream storefront") {
            in_upstream = true;
            out.push_str(line);
            out.push('\n');
            out.push_str(servers);
            continue;
        }
        if in_upstream && trimmed.starts_with("server ") {
            continue;
        }
        if in_upstream && trimmed.starts_with('}') {
            in_upstream = false;
        }
        if trimmed.starts_with("listen ") {
            out.push_str(&format!("        listen 127.0.0.1:{port};\n"));
            continue;
        }
        if trimmed.starts_with("pid ")
            || trimmed.starts_with("error_log ")
            || trimmed.starts_with("access_log ")
            || trimmed.starts_with("user ")
        {
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if trimmed.starts_with("http {") {
            let d = dir.display();
            out.push_str(&format!(
                "    access_log off;\n    client_body_temp_path {d}/body;\n    \
                 proxy_temp_path {d}/proxy;\n    fastcgi_temp_path {d}/fastcgi;\n    \
                 uwsgi_temp_path {d}/uwsgi;\n    scgi_temp_path {d}/scgi;\n"
            ));
        }
    }
    format!(
        "pid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n{out}",
        d = dir.display()
    )
}

impl Drop for Balancer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            terminate(&mut child);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
