// SHA-256 through OpenSSL's EVP interface: the audit chain's trust rests on a
// widely audited implementation rather than on one written here.
#include "gov/text/sha256.hpp"

#include <openssl/evp.h>

#include "gov/values/error.hpp"

namespace gov {
namespace {

std::string hex(const unsigned char* md, unsigned int len) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * len);
    for (unsigned int i = 0; i < len; ++i) {
        out += digits[md[i] >> 4];
        out += digits[md[i] & 0xf];
    }
    return out;
}

[[noreturn]] void fail(const char* what) {
    throw internal_error(std::string("sha256: ") + what + " failed");
}

}  // namespace

struct sha256::context {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~context() { EVP_MD_CTX_free(ctx); }
};

sha256::sha256() : m_ctx(std::make_unique<context>()) {
    if (!m_ctx->ctx || EVP_DigestInit_ex(m_ctx->ctx, EVP_sha256(), nullptr) != 1) fail("init");
}
sha256::~sha256() = default;
sha256::sha256(sha256&&) noexcept = default;
sha256& sha256::operator=(sha256&&) noexcept = default;

void sha256::update(std::string_view data) {
    if (EVP_DigestUpdate(m_ctx->ctx, data.data(), data.size()) != 1) fail("update");
}

std::string sha256::finish() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(m_ctx->ctx, md, &len) != 1) fail("final");
    return hex(md, len);
}

std::string sha256_hex(std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1) fail("digest");
    return hex(md, len);
}

}  // namespace gov
