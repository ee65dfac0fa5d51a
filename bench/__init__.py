"""Performance benchmarks (`make bench`). They print figures; no test asserts on time."""
