// SHA-256 written here rather than taken from OpenSSL: loading libcrypto
// (4.5 MB, thousands of symbol relocations) cost every gov command more than
// all of gov's own start-up work, and gov needs nothing else from it. Blocks
// are compressed with the x86 SHA extensions when the CPU has them (the
// speed of a roster import's file hash) and in portable C++ otherwise; both
// are checked against the FIPS 180-4 examples and against each other.
#include "gov/store/sha256.hpp"

#include <cstring>

#include "store/sha256_blocks.hpp"

namespace gov {
namespace {

constexpr std::array<std::uint32_t, 8> initial_state = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

using blocks_fn = void (*)(std::uint32_t*, const unsigned char*, std::size_t);

// Chosen once: the CPU does not change while gov runs.
blocks_fn pick_blocks() {
#if defined(GOV_SHA256_X86)
    if (detail::sha256_x86_available()) return detail::sha256_blocks_x86;
#endif
    return detail::sha256_blocks_portable;
}

const blocks_fn compress = pick_blocks();

}  // namespace

sha256::sha256() : m_state(initial_state) {}

void sha256::update(std::string_view data) {
    auto p = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t n = data.size();
    m_total += n;
    if (m_block_len > 0) {
        std::size_t take = std::min(n, m_block.size() - m_block_len);
        std::memcpy(m_block.data() + m_block_len, p, take);
        m_block_len += take;
        p += take;
        n -= take;
        if (m_block_len < m_block.size()) return;
        compress(m_state.data(), m_block.data(), 1);
        m_block_len = 0;
    }
    if (n >= 64) {
        compress(m_state.data(), p, n / 64);
        p += n / 64 * 64;
        n %= 64;
    }
    std::memcpy(m_block.data(), p, n);
    m_block_len = n;
}

std::string sha256::finish() {
    // Padding: 0x80, zeros, then the message length in bits, big-endian, so
    // that the total is a multiple of 64 bytes.
    std::uint64_t bits = m_total * 8;
    unsigned char tail[128] = {};
    std::size_t len = m_block_len;
    std::memcpy(tail, m_block.data(), len);
    tail[len++] = 0x80;
    std::size_t total = len <= 56 ? 64 : 128;
    for (int i = 0; i < 8; ++i)
        tail[total - 1 - static_cast<std::size_t>(i)] = static_cast<unsigned char>(bits >> (8 * i));
    compress(m_state.data(), tail, total / 64);

    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(64);
    for (std::uint32_t word : m_state)
        for (int shift = 28; shift >= 0; shift -= 4) hex += digits[(word >> shift) & 0xf];
    return hex;
}

std::string sha256_hex(std::string_view data) {
    sha256 h;
    h.update(data);
    return h.finish();
}

}  // namespace gov
