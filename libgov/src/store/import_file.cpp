// The file an import reads: refused when it is the database, opened, sized
// and hashed as it is read (store/interface.hpp).
#include <fmt/format.h>

#include "store/interface.hpp"

namespace gov::detail {

import_file::import_file(const std::filesystem::path& database, const std::filesystem::path& file,
                         progress_callback progress, std::string_view cannot_read)
    : m_progress(std::move(progress)),
      m_buf(*m_file.rdbuf(),
            [this](std::uint64_t done) {
                if (m_progress) m_progress(done, m_size);
            }),
      m_in(&m_buf) {
    refuse_database_file(database, file);
    m_file.open(file, std::ios::binary);
    if (!m_file) throw input_error(fmt::format(fmt::runtime(cannot_read), file.string()));
    // file_size fails for what is not a regular file (a pipe) and would
    // then give UINT64_MAX: no total is better than a wrong one.
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    m_size = ec ? 0 : static_cast<std::uint64_t>(size);
}

}  // namespace gov::detail
