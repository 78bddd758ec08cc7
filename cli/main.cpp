#include "app.hpp"

int main(int argc, char** argv) {
    return gov::cli::run(argc, argv);
}
