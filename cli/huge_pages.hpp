#pragma once

namespace gov::cli {

/// Asks the kernel to back the heap with transparent huge pages, where the
/// system allows it (Linux with glibc; a no-op elsewhere). A process policy,
/// so it lives in the tool, not the library. See huge_pages.cpp for why.
void prefer_huge_pages() noexcept;

/// Hands the memory the allocator holds free back to the system (glibc's
/// malloc_trim; nothing elsewhere). Called by the roster import once it has
/// freed its own, before it reads the phone directory: otherwise that came
/// on top of what the allocator kept (a first 1M import's peak: 65 MiB
/// instead of 54). A process policy too, so the tool decides it.
void return_free_memory() noexcept;

}  // namespace gov::cli
