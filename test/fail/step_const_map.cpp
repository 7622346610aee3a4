// Must not compile: an optimizer's step writes theta, here a map over const (read-only) memory.
#include <typegrad.hpp>

int main() {
    constexpr auto w = typegrad::param<"w">;
    using set = decltype(typegrad::parameters_of(w * w));
    const double p[] = {2.0};
    set gradient;
    typegrad::sgd::state<set> state;
    typegrad::sgd{}.step(typegrad::map_parameters<set>(p), gradient, state);
}
