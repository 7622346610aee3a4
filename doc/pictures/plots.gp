# The pictures of doc/tutorial.md, drawn from the tables the examples write with `--data DIR`.
# Run by doc/pictures/render.sh as: gnuplot -e "data='DIR'; out='DIR'" doc/pictures/plots.gp
if (!exists("data") || !exists("out")) {
    print "usage: gnuplot -e \"data='DATA_DIR'; out='PNG_DIR'\" plots.gp"
    exit status 1
}
d(name) = data . '/' . name
o(name) = out . '/' . name

set encoding utf8
# The common look, applied again after each `reset`.
look = "set grid lc rgb '#dddddd'; set border lc rgb '#555555'; set style line 10 lc rgb '#bbbbbb'; set key box ls 10 opaque; " . \
       "set style line 1 lc rgb '#1f77b4' lw 2; set style line 2 lc rgb '#d62728' lw 2; " . \
       "set style line 3 lc rgb '#2ca02c' lw 2; set style line 4 lc rgb '#9467bd' lw 2; " . \
       "set style line 9 lc rgb 'black' pt 7 ps 1.6"
wide = "set terminal pngcairo size 1100,480 font 'DejaVu Sans,11' linewidth 1.5 noenhanced"

# --- activations.png: example/curves.cpp. Columns: x, then value and derivative of each activation in
# the order softplus, relu, sigmoid, tanh, leaky_relu<0.1>, elu, silu, gelu.
set terminal pngcairo size 1100,800 font 'DejaVu Sans,11' linewidth 1.5 noenhanced
set output o('activations.png')
@look
set multiplot layout 2,2 title "Activations and their derivatives, evaluated by typegrad (tg::eval, tg::d)" font ',13'
set xrange [-4:4]
set xlabel 'x'
set key top left
set yrange [-1.2:4.2]
set ylabel 'f(x)'
set title "The primer's four"
plot d('activations.dat') u 1:2 w l ls 1 t 'softplus(x)', \
     ''                   u 1:4 w l ls 2 t 'relu(x)', \
     ''                   u 1:6 w l ls 3 t 'sigmoid(x)', \
     ''                   u 1:8 w l ls 4 t 'tanh(x)'
set title 'More activations in typegrad'
plot d('activations.dat') u 1:10 w l ls 1 t 'leaky_relu<0.1>(x)', \
     ''                   u 1:12 w l ls 2 t 'elu(x)', \
     ''                   u 1:14 w l ls 3 t 'silu(x)', \
     ''                   u 1:16 w l ls 4 t 'gelu(x)'
set yrange [-0.2:1.8]
set ylabel "d(f(x), x)"
set title "Their derivatives, d(f(x), x), as tg::d prints them"
plot d('activations.dat') u 1:3 w l ls 1 t 'softplus: sigmoid(x)', \
     ''                   u 1:5 w l ls 2 t 'relu: step(x)', \
     ''                   u 1:7 w l ls 3 t 'sigmoid: sigmoid(x)*sigmoid(-x)', \
     ''                   u 1:9 w l ls 4 t 'tanh: 1/cosh(x)^2'
set title 'Their derivatives, d(f(x), x)'
plot d('activations.dat') u 1:11 w l ls 1 t 'leaky_relu: 0.1 + 0.9*step(x)', \
     ''                   u 1:13 w l ls 2 t 'elu: elu_grad(x, 1)', \
     ''                   u 1:15 w l ls 3 t 'silu: sigmoid(x)*(1 + x*sigmoid(-x))', \
     ''                   u 1:17 w l ls 4 t 'gelu'
unset multiplot
reset

# --- intercept.png: example/intercept.cpp and example/line_fit.cpp.
@wide
set output o('intercept.png')
@look
set multiplot layout 1,2 title 'Gradient descent on the intercept b of y = 0.64x + b (learning rate 0.1)' font ',13'
set title 'The line at the start and after each of the 8 steps'
set xlabel 'x'
set ylabel 'y'
set xrange [0:3.5]
set yrange [0:5.2]
set key top left Left reverse
set palette defined (0 '#c6dbef', 8 '#08306b')
unset colorbox
plot d('intercept_lines.dat') u 1:2:3 w l lw 2 lc palette notitle, \
     d('line_fit_line.dat') u 1:2 w l ls 2 dt 2 t 'slope and intercept both trained (line_fit)', \
     d('intercept_points.dat') u 1:2 w p ls 9 t 'data points', \
     NaN w l lw 2 lc rgb '#c6dbef' t 'b = 0 (start)', \
     NaN w l lw 2 lc rgb '#08306b' t 'b = 0.95 (step 8)'
set title 'The SSR as a function of b, and the steps'
set xlabel 'intercept b'
set ylabel 'sum of squared residuals'
set xrange [-0.25:2]
set yrange [0:5.2]
set key top left Left reverse
plot d('intercept_ssr.dat') u 1:2 w l ls 1 t 'SSR(b)', \
     d('intercept_steps.dat') u 2:3 w p ls 2 pt 7 ps 1.3 t 'b after steps 0 (start) to 8', \
     '' u 2:3:(sprintf('%d', $1)) every ::0::2 w labels offset 1.2,0.6 notitle
unset multiplot

# --- network_fit.png: example/neuron.cpp and example/backprop.cpp.
reset
set terminal pngcairo size 960,560 font 'DejaVu Sans,11' linewidth 1.5 noenhanced
set output o('network_fit.png')
@look
set title "The dosage network w3*softplus(w1*x + b1) + w4*softplus(w2*x + b2) + b3 through (0, 0), (0.5, 1), (1, 0)"
set xlabel 'dose x'
set ylabel 'net(x)'
set xrange [0:1]
set yrange [-0.15:3]
set key top right Left reverse
plot d('neuron_curve.dat') u 1:2 w l ls 1 t "the primer's parameters (w1 = -34.4, ...; example/neuron.cpp)", \
     d('backprop_curve.dat') u 1:2 w l ls 2 t "trained by gradient descent from the primer's start (example/backprop.cpp)", \
     d('network_points.dat') u 1:2 w p ls 9 t 'data points'

# --- loss_per_step.png: example/backprop.cpp and example/line_fit.cpp.
reset
@wide
set output o('loss_per_step.png')
@look
set multiplot layout 1,2 title 'Gradient descent: the loss after each step' font ',13'
stats d('backprop_loss.dat') u 1 nooutput
set title sprintf("The dosage network, 7 parameters (learning rate 0.1; %d steps)", STATS_max)
set xlabel 'step'
set ylabel 'sum of squared residuals (log scale)'
set yrange [1e-12:10]
set logscale y
set format y '1e%T'
set xrange [0:*]
set key top right
plot d('backprop_loss.dat') u 1:2 w l ls 2 t 'SSR'
stats d('line_fit_loss.dat') u 1 nooutput
set title sprintf("The line, 2 parameters (learning rate 0.01; %d steps)", STATS_max)
set ylabel 'SSR minus the least squares SSR (log scale)'
plot d('line_fit_loss.dat') u 1:3 w l ls 1 t 'SSR - min SSR'
unset multiplot

# --- minibatch.png: example/minibatch.cpp.
reset
@wide
set output o('minibatch.png')
@look
set multiplot layout 1,2 title 'Adam on 1,000 noisy points: mini-batches of 10 against the full batch' font ',13'
set title 'Mean squared error after each pass over the data'
set xlabel 'pass (epoch)'
set ylabel 'mean squared error'
set xrange [0:20]
set yrange [0:0.22]
set key top right
plot d('minibatch_loss.dat') u 1:2 w lp ls 1 pt 7 ps 0.8 t 'mini-batches of 10 (100 steps per pass)', \
     ''                      u 1:3 w lp ls 2 pt 5 ps 0.8 t 'full batch (1 step per pass)', \
     ''                      u 1:4 w l lc rgb '#777777' dt 2 t 'flat line at the mean of y', \
     ''                      u 1:5 w l lc rgb 'black' dt 2 lw 1.5 t 'the true curve (the noise alone)'
set title 'The curves after 20 passes'
set xlabel 'x'
set ylabel 'y'
set xrange [0:1]
set yrange [-0.6:1.25]
set key bottom center
plot d('minibatch_points.dat') u 1:2 w p pt 7 ps 0.3 lc rgb '#bbbbbb' t 'data: exp(-8(x - 0.5)^2) + noise', \
     d('minibatch_curves.dat') u 1:4 w l lc rgb 'black' dt 2 lw 1.5 t 'the true curve, exp(-8(x - 0.5)^2)', \
     ''                        u 1:2 w l ls 1 t 'mini-batches', \
     ''                        u 1:3 w l ls 2 t 'full batch'
unset multiplot
