// Must not compile: the column would view a vector destroyed at the end of the statement.
#include <vector>

#include <typegrad.hpp>

int main() {
    constexpr auto x = typegrad::input<"x">;
    const auto d = typegrad::data(x = std::vector<double>{1.0, 2.0});
    return static_cast<int>(d.size());
}
