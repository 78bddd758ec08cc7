#pragma once

namespace gov::cli {

/// Asks the kernel to back the heap with transparent huge pages, where the
/// system allows it (Linux with glibc; a no-op elsewhere). A process policy,
/// so it lives in the tool, not the library. See huge_pages.cpp for why.
void prefer_huge_pages() noexcept;

}  // namespace gov::cli
