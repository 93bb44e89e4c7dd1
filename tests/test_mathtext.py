import pytest

from quizcli.show.mathtext import latex_to_unicode, to_text


@pytest.mark.parametrize(
    "latex, text",
    [
        (r"O = \frac{H + 2P - F}{S} + 1", "O = (H + 2P − F)/S + 1"),
        (r"h_t = \tanh(W_{in} x_t + W h_{t-1} + b)", "hₜ = tanh(Wᵢₙ xₜ + W hₜ₋₁ + b)"),
        (r"\sigma'(x) = \sigma(x)(1 - \sigma(x))", "σ′(x) = σ(x)(1 − σ(x))"),
        (r"\delta_t", "δₜ"),
        (r"z^{t-1}", "zᵗ⁻¹"),
        (r"\delta^{out,t}", "δ^(out,t)"),
        (r"\mathrm{softmax}(QK^\top/\sqrt{d_k})V", "softmax(QKᵀ/√(dₖ))V"),
        (r"\|g\|_2", "‖g‖₂"),
        (r"-\frac{1}{N}\sum_n \log p_n", "−1/N ∑ₙ log pₙ"),
        (r"\frac{a}{b}\frac{c}{d}", "a/b c/d"),
        (r"0.25^{10}", "0.25¹⁰"),
        (r"\det A = \lambda_1 \lambda_2", "det A = λ₁ λ₂"),  # operator names pylatexenc does not know
        (r"\det(A - \lambda I)", "det(A − λ I)"),
        (r"\bar x = \hat p", "x̅ = p̂"),  # an accent without braces keeps its letter
        (r"\dfrac{a+b}{c} = \tfrac{1}{2}", "(a+b)/c = 1/2"),
    ],
)
def test_latex_reads_as_unicode(latex, text):
    assert latex_to_unicode(latex) == text


def test_a_hyphen_in_a_formula_is_a_minus_sign_and_one_in_prose_a_hyphen():
    assert to_text(r"one-hot の $a - b$ と $x^{-1}$、$t-1$") == "one-hot の a − b と x⁻¹、t−1"


def test_only_dollar_spans_are_converted():
    assert to_text(r"出力は $\frac{H+2P-F}{S}+1$ で、\frac は地の文") == r"出力は (H+2P−F)/S +1 で、\frac は地の文"
