// Must not compile: train writes the trained parameters into theta, here a temporary parameter set that
// is gone when the call returns (the trained values would be lost without a word).
#include <typegrad.hpp>

int main() {
    constexpr auto w = typegrad::param<"w">;
    const auto report = typegrad::train(typegrad::square(w), typegrad::parameters_of(typegrad::square(w)),
                                        typegrad::sgd{.learning_rate = 0.1});
    return static_cast<int>(report.steps);
}
