#pragma once
// A streambuf that reads another one through a large buffer, hashing every
// byte and reporting progress as it goes, so imports read their file once
// and can record its SHA-256 in the audit log.

#include <cstdint>
#include <functional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "gov/store/sha256.hpp"

namespace gov::detail {

class hashing_reader : public std::streambuf {
  public:
    hashing_reader(std::streambuf& src, std::function<void(std::uint64_t)> on_read)
        : m_src(src), m_on_read(std::move(on_read)), m_buf(1 << 20) {}

    // The digest of the whole source: whatever the reader did not consume
    // is read (and hashed) first.
    std::string digest() {
        while (underflow() != traits_type::eof()) setg(egptr(), egptr(), egptr());
        return m_hash.finish();
    }

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        std::streamsize n = m_src.sgetn(m_buf.data(), static_cast<std::streamsize>(m_buf.size()));
        if (n <= 0) return traits_type::eof();
        m_hash.update(std::string_view(m_buf.data(), static_cast<std::size_t>(n)));
        m_total += static_cast<std::uint64_t>(n);
        if (m_on_read) m_on_read(m_total);
        setg(m_buf.data(), m_buf.data(), m_buf.data() + n);
        return traits_type::to_int_type(m_buf[0]);
    }

  private:
    std::streambuf& m_src;
    std::function<void(std::uint64_t)> m_on_read;
    std::vector<char> m_buf;
    sha256 m_hash;
    std::uint64_t m_total = 0;
};

}  // namespace gov::detail
