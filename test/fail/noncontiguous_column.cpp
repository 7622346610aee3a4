// Must not compile: a std::list's values are not contiguous, so a column cannot view them.
#include <list>

#include <typegrad.hpp>

int main() {
    constexpr auto x = typegrad::input<"x">;
    const std::list<double> xs{1.0, 2.0};
    const auto d = typegrad::data(x = xs);
    return static_cast<int>(d.size());
}
