#pragma once
// The SHA-256 compression function over whole 64-byte blocks, in two
// implementations with the same contract: `state` is the eight working words
// (H0..H7), `data` holds `count` blocks.

#include <cstddef>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define GOV_SHA256_X86 1
#endif

namespace gov::detail {

void sha256_blocks_portable(std::uint32_t* state, const unsigned char* data, std::size_t count);

#if defined(GOV_SHA256_X86)
/// True when the CPU has the SHA extensions (and SSE4.1) the x86 version uses.
bool sha256_x86_available();
void sha256_blocks_x86(std::uint32_t* state, const unsigned char* data, std::size_t count);
#endif

}  // namespace gov::detail
