#pragma once
/// \file
/// The file an export writes with -o/--output. Exports hold personal data
/// (names, rooms, phones unless masked, voters), so their files are made
/// new and private: an existing file is never overwritten (conflict, exit
/// 6, checked before anything is read or revealed), the file is readable
/// by its owner only (mode 0600), and a failed export leaves no partial
/// file behind. Documents without personal data (an agenda, a summary) are
/// replaced instead (the CLI's session::emit).

#include <filesystem>
#include <fstream>

namespace gov {

class private_output_file {
  public:
    /// Creates `path`. \throws conflict when it exists; storage_error when
    /// it cannot be created.
    explicit private_output_file(std::filesystem::path path);
    /// Removes the file unless commit() succeeded.
    ~private_output_file();
    private_output_file(const private_output_file&) = delete;
    private_output_file& operator=(const private_output_file&) = delete;

    std::ostream& stream() { return m_out; }
    const std::filesystem::path& path() const { return m_path; }
    /// Closes the file. \throws storage_error when it could not be written.
    void commit();

  private:
    std::filesystem::path m_path;
    std::ofstream m_out;
    bool m_committed = false;
};

}  // namespace gov
