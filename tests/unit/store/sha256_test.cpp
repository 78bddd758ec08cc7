#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "gov/store/sha256.hpp"
#include "store/sha256_blocks.hpp"

using gov::sha256;
using gov::sha256_hex;

TEST_CASE("sha256: the FIPS 180-4 examples", "[sha256]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: padding at the block boundaries", "[sha256]") {
    // 55 bytes fit the length in one block, 56 need a second one, 64 is a
    // whole block before the padding.
    CHECK(sha256_hex(std::string(55, 'a')) ==
          "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) ==
          "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256_hex(std::string(64, 'a')) ==
          "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("sha256: data in pieces hashes as data in one piece", "[sha256]") {
    std::mt19937 rng(7);
    std::string data(10000, '\0');
    for (auto& c : data) c = static_cast<char>(rng());
    const std::string whole = sha256_hex(data);
    for (int trial = 0; trial < 20; ++trial) {
        sha256 h;
        std::size_t at = 0;
        while (at < data.size()) {
            std::size_t n = std::min<std::size_t>(rng() % 200, data.size() - at);
            h.update(std::string_view(data).substr(at, n));
            at += n;
        }
        CHECK(h.finish() == whole);
    }
}

#if defined(GOV_SHA256_X86)
TEST_CASE("sha256: the x86 SHA-extension blocks agree with the portable ones", "[sha256]") {
    if (!gov::detail::sha256_x86_available()) {
        WARN("this CPU has no SHA extensions; only the portable code is in use");
        return;
    }
    std::mt19937 rng(11);
    for (std::size_t blocks : {1u, 2u, 3u, 17u, 100u}) {
        std::string data(64 * blocks, '\0');
        for (auto& c : data) c = static_cast<char>(rng());
        std::uint32_t a[8] = {1, 2, 3, 4, 5, 6, 7, 8};
        std::uint32_t b[8] = {1, 2, 3, 4, 5, 6, 7, 8};
        auto bytes = reinterpret_cast<const unsigned char*>(data.data());
        gov::detail::sha256_blocks_portable(a, bytes, blocks);
        gov::detail::sha256_blocks_x86(b, bytes, blocks);
        for (int i = 0; i < 8; ++i) CHECK(a[i] == b[i]);
    }
}
#endif
