#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "gov/text/sha256.hpp"

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

TEST_CASE("sha256: a hasher moved from keeps hashing in its new place", "[sha256]") {
    sha256 a;
    a.update("ab");
    sha256 b = std::move(a);
    b.update("c");
    CHECK(b.finish() == sha256_hex("abc"));
}
