#include "app.hpp"
#include "huge_pages.hpp"

int main(int argc, char** argv) {
    gov::cli::prefer_huge_pages();
    return gov::cli::run(argc, argv);
}
