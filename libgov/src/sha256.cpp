#include "gov/sha256.hpp"

#include <openssl/evp.h>

#include <fmt/format.h>

#include "gov/error.hpp"

namespace gov {
namespace {
EVP_MD_CTX* ctx(void* p) {
    return static_cast<EVP_MD_CTX*>(p);
}
}  // namespace

sha256::sha256() : m_ctx(EVP_MD_CTX_new()) {
    if (!m_ctx || EVP_DigestInit_ex(ctx(m_ctx), EVP_sha256(), nullptr) != 1)
        throw internal_error("SHA-256: cannot initialise OpenSSL digest");
}

sha256::~sha256() {
    EVP_MD_CTX_free(ctx(m_ctx));
}

void sha256::update(std::string_view data) {
    if (EVP_DigestUpdate(ctx(m_ctx), data.data(), data.size()) != 1)
        throw internal_error("SHA-256: digest update failed");
}

std::string sha256::finish() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx(m_ctx), md, &len) != 1)
        throw internal_error("SHA-256: digest final failed");
    std::string hex;
    hex.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", md[i]);
    return hex;
}

std::string sha256_hex(std::string_view data) {
    sha256 h;
    h.update(data);
    return h.finish();
}

}  // namespace gov
