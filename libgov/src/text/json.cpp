#include "gov/text/json.hpp"

#include "interface.hpp"

namespace gov {

std::string render_json(const receipt& r, json_layout layout) {
    auto j = detail::ordered_json::object();
    for (const auto& [name, value] : r.fields)
        std::visit([&, &name = name](const auto& v) { j[name] = v; }, value);
    return detail::dump_json(j, layout == json_layout::indented ? 2 : -1);
}

}  // namespace gov
