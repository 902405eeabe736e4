//! The allocator's settings for the process.
//!
//! glibc's malloc grows the heap of each thread other than the main one (the
//! readers that share out a long draft) by as little as it needs, one
//! `mprotect` system call a step: reading a 1 MB draft took about 4,800 of
//! them, a fifth of its CPU time. Asking for 16 MB of slack on each growth
//! makes that a dozen. The slack is address space reserved, not memory used:
//! pages are only taken when written, so the peak RSS stays the same.

/// Slack added to every heap growth.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TOP_PAD: libc::c_int = 16 << 20;

/// Applies the settings; returns whether the allocator took them (always
/// `false` where the allocator is not glibc's, which needs none).
pub fn tune_allocator() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only sets a parameter of the allocator; it is
        // called before any other thread exists.
        unsafe { libc::mallopt(libc::M_TOP_PAD, TOP_PAD) == 1 }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn glibc_takes_the_settings() {
        assert!(super::tune_allocator());
    }
}
