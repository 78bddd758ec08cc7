#pragma once
/// \file
/// SHA-256 (FIPS 180-4), for the audit chain and for naming imported files by
/// content.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace gov {

/// Lower-case hex SHA-256 of a byte string.
std::string sha256_hex(std::string_view data);

/// Incremental SHA-256 for data that arrives in pieces (a streamed file).
class sha256 {
  public:
    sha256();
    void update(std::string_view data);
    /// Lower-case hex digest; the object must not be updated afterwards.
    std::string finish();

  private:
    std::array<std::uint32_t, 8> m_state;
    std::array<unsigned char, 64> m_block{};
    std::size_t m_block_len = 0;
    std::uint64_t m_total = 0;
};

}  // namespace gov
