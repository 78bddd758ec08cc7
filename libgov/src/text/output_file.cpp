#include "gov/text/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "gov/values/error.hpp"
#include "gov/values/i18n.hpp"

namespace gov {

private_output_file::private_output_file(std::filesystem::path path) : m_path(std::move(path)) {
    // Made exclusively and private before anything is written.
    int fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        int err = errno;
        if (err == EEXIST)
            throw conflict(fmt::format(
                fmt::runtime(tr("{}: already exists; refusing to overwrite it")), m_path.string()));
        throw storage_error(fmt::format(fmt::runtime(tr("{}: cannot create: {}")), m_path.string(),
                                        std::strerror(err)));
    }
    ::close(fd);
    m_out.open(m_path, std::ios::binary | std::ios::trunc);
    if (!m_out) {
        std::error_code ec;
        std::filesystem::remove(m_path, ec);
        throw storage_error(fmt::format(fmt::runtime(tr("{}: cannot write")), m_path.string()));
    }
}

private_output_file::~private_output_file() {
    if (m_committed) return;
    m_out.close();
    std::error_code ec;
    std::filesystem::remove(m_path, ec);
}

void private_output_file::commit() {
    m_out.close();
    if (!m_out)
        throw storage_error(fmt::format(fmt::runtime(tr("{}: cannot write")), m_path.string()));
    m_committed = true;
}

}  // namespace gov
