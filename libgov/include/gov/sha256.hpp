#pragma once
/// \file
/// SHA-256, for the audit chain and for naming imported files by content.

#include <istream>
#include <string>
#include <string_view>

namespace gov {

/// Lower-case hex SHA-256 of a byte string.
std::string sha256_hex(std::string_view data);

/// Incremental SHA-256 for data that arrives in pieces (a streamed file).
class sha256 {
  public:
    sha256();
    ~sha256();
    sha256(const sha256&) = delete;
    sha256& operator=(const sha256&) = delete;
    void update(std::string_view data);
    /// Lower-case hex digest; the object cannot be updated afterwards.
    std::string finish();

  private:
    void* m_ctx;  // EVP_MD_CTX, kept out of this header
};

}  // namespace gov
