//! Finding the inputs: files, folders walked like ripgrep walks them, globs, stdin.
