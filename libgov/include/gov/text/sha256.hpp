#pragma once
/// \file
/// SHA-256 (FIPS 180-4), for the audit chain and for naming imported files by
/// content. Computed by OpenSSL's libcrypto (EVP), a widely audited
/// implementation: the chain's trust rests on it.

#include <memory>
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
    sha256(sha256&&) noexcept;
    sha256& operator=(sha256&&) noexcept;
    void update(std::string_view data);
    /// Lower-case hex digest; the object must not be updated afterwards.
    std::string finish();

  private:
    struct context;  // OpenSSL's, kept out of this header
    std::unique_ptr<context> m_ctx;
};

}  // namespace gov
