// Why: gov's big jobs (a listing of twenty thousand issues, an import of
// hundreds of thousands of rows) fill tens of megabytes of fresh heap. On
// the virtual machines community offices and CI rent, the first touch of a
// 4 KiB page costs about 10 µs — a listing spent a third of its time in
// page faults. A 2 MiB transparent huge page is faulted in once for 512
// such pages. Linux hands them out only to memory that asks (the usual
// "madvise" setting), so the heap is grown once, up front, by a pad that is
// only reserved address space until used, and that range is advised; glibc
// keeps the pad (M_TOP_PAD) at the top of the heap rather than returning it.
// Where THP is off ("never"), madvise is merely ignored.
#include "huge_pages.hpp"

#include <cstdint>
#include <cstdlib>  // before the test: it defines __GLIBC__

#if defined(__linux__) && defined(__GLIBC__)

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace gov::cli {

void prefer_huge_pages() noexcept {
#if defined(__linux__) && defined(__GLIBC__)
    constexpr std::size_t huge = std::size_t{2} << 20;
    constexpr std::size_t pad = std::size_t{512} << 20;  // address space, not memory
    // Blocks up to 32 MiB from the (advised) heap rather than from mmap, and
    // the pad kept when memory is freed.
    if (mallopt(M_MMAP_THRESHOLD, 32 << 20) == 0 || mallopt(M_TOP_PAD, pad) == 0 ||
        mallopt(M_TRIM_THRESHOLD, pad) == 0)
        return;
    auto* before = static_cast<char*>(sbrk(0));
    // volatile: otherwise the compiler may drop the pair of calls.
    void* volatile block = std::malloc(huge);  // grows the heap by the pad
    std::free(block);
    auto* after = static_cast<char*>(sbrk(0));
    auto start = (reinterpret_cast<std::uintptr_t>(before) + huge - 1) & ~(huge - 1);
    auto end = reinterpret_cast<std::uintptr_t>(after) & ~(huge - 1);
    if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
#endif
}

void return_free_memory() noexcept {
#if defined(__linux__) && defined(__GLIBC__)
    malloc_trim(0);
#endif
}

}  // namespace gov::cli
