// Must not compile: the header (written out here as to_cpp_header writes it) was made for a network whose
// parameters are b and w, but this network's are a and w.
#include <array>
#include <string_view>

#include <typegrad.hpp>

inline constexpr std::array<std::string_view, 2> trained_names{"b", "w"};
inline constexpr std::array<double, 2> trained_values{0.5, 2.0};

int main() {
    constexpr auto x = typegrad::input<"x">;
    constexpr auto w = typegrad::param<"w">;
    constexpr auto a = typegrad::param<"a">;
    constexpr auto net = w * x + a;
    constexpr auto theta =
        typegrad::parameter_set_from<decltype(typegrad::parameters_of(net))>(trained_names, trained_values);
    return static_cast<int>(theta.values[0]);
}
