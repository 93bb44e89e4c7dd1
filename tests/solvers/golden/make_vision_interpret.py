"""Regenerate the vision_*.json and interpret_*.json fixtures: PyTorch's and torchvision's answers for the
solvers of solvers/vision.py and solvers/interpret.py.

Needs torch (and torchvision for the vision part), so it is not part of the test run; the tests read the JSON
it writes. Run it from the repo root, each part with a Python that has what it needs:

    python tests/solvers/golden/make_vision_interpret.py vision       # torch + torchvision
    python tests/solvers/golden/make_vision_interpret.py interpret    # torch

Every case is {"params", "answer", ...} or, where the library refuses the input, {"params", "error": true}.
Seeded: the same cases every run; only the libraries' answers and the recorded versions can change.

- vision_focal_loss.json: torchvision.ops.sigmoid_focal_loss, float64, every reduction, α = −1, soft labels,
  logits up to ±1000, and the α values torchvision refuses.
- vision_shapes.json: ViT token counts from torchvision's VisionTransformer (square; it refuses an image the
  patch does not divide) and from a stride-P convolution and F.unfold (rectangular, any channels); anchor
  counts from torchvision's AnchorGenerator on one feature map.
- interpret_metric_loss.json: F.triplet_margin_loss with eps=0 (the solver's distance) and with torch's
  default eps=1e-6, batched and not; the margins torch refuses.
- interpret_gcn.json: a GCN layer by message passing over an edge list (index_add_, as PyG's GCNConv
  propagates), with Â = A + I and degree-0 nodes given D^−½ = 0.
- interpret_grad_cam.json: Grad-CAM on tiny float64 conv nets, the gradients of a class score with respect
  to the last convolutional feature map taken by autograd.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

HERE = Path(__file__).parent
torch.set_default_dtype(torch.float64)


def write(name: str, cases: list[dict], **versions: str) -> None:
    document = {"generator": Path(__file__).name, "numpy": np.__version__, **versions, "cases": cases}
    (HERE / name).write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"{name}: {len(cases)} cases")


# -- vision --------------------------------------------------------------------------------------------------


def focal_cases(rng: np.random.Generator) -> list[dict]:
    from torchvision.ops import sigmoid_focal_loss

    cases = []
    fixed = [
        ([-2.0, -1.0, 3.0], [0, 1, 1], {}),
        ([0.0], [1], {}),
        ([0.0, 0.0], [0, 1], {"alpha": -1, "gamma": 0}),
        ([40.0, -40.0, 40.0, -40.0], [1, 0, 0, 1], {"reduction": "none"}),
        ([1000.0, -1000.0, 800.0, -800.0], [1, 0, 0, 1], {"reduction": "none"}),
        ([2.5, -0.3], [0.3, 0.8], {"reduction": "none"}),
        ([[1.0, -1.0], [0.5, 2.0]], [[1, 0], [0, 1]], {"reduction": "sum", "alpha": 1.0}),
        ([[1.0, -1.0], [0.5, 2.0]], [[1, 0], [0, 1]], {"alpha": 0.0, "gamma": 0.5}),
        ([0.7], [1], {"alpha": -0.5}),
        ([0.7], [1], {"alpha": 1.5}),
    ]
    for logits, targets, options in fixed:
        cases.append({"params": {"logits": logits, "targets": targets, **options}})
    for _ in range(26):
        shape = tuple(rng.integers(1, 5, size=rng.integers(1, 4)))
        scale = float(rng.choice([1.0, 3.0, 12.0]))
        logits = np.round(rng.normal(0, scale, size=shape), 4)
        soft = rng.random() < 0.25
        targets = np.round(rng.random(shape), 3) if soft else rng.integers(0, 2, size=shape)
        params = {
            "logits": logits.tolist(),
            "targets": targets.tolist(),
            "alpha": float(rng.choice([0.25, 0.5, 0.75, 0.0, 1.0, -1.0])),
            "gamma": float(rng.choice([0.0, 0.5, 1.0, 2.0, 3.5, 5.0])),
            "reduction": str(rng.choice(["none", "mean", "sum"])),
        }
        cases.append({"params": params})
    for case in cases:
        p = {"alpha": 0.25, "gamma": 2.0, "reduction": "mean", **case["params"]}
        try:
            loss = sigmoid_focal_loss(
                torch.tensor(p["logits"], dtype=torch.float64),
                torch.tensor(p["targets"], dtype=torch.float64),
                alpha=p["alpha"],
                gamma=p["gamma"],
                reduction=p["reduction"],
            )
        except ValueError:
            case["error"] = True
            continue
        case["answer"] = loss.tolist()
    return cases


def vit_cases() -> list[dict]:
    from torchvision.models import VisionTransformer

    cases = []
    for image, patch in [(224, 16), (224, 32), (384, 16), (32, 4), (28, 7), (8, 8), (30, 4), (224, 14), (10, 3)]:
        params = {"image": image, "patch": patch}
        try:
            vit = VisionTransformer(image, patch, num_layers=1, num_heads=1, hidden_dim=4, mlp_dim=4)
        except (AssertionError, RuntimeError):  # torch._assert: "Input shape indivisible by patch size!"
            cases.append({"params": params, "error": True, "source": "VisionTransformer"})
            continue
        tokens = vit._process_input(torch.zeros(1, 3, image, image)).shape[1]
        answer = {
            "num_patches": tokens,
            "sequence_length": vit.seq_length,
            "patch_dim": vit.conv_proj.weight[0].numel(),
        }
        cases.append({"params": params, "answer": answer, "source": "VisionTransformer"})
    for image, patch, channels, cls in [
        ([224, 160], 16, 3, True),
        ([32, 48], [4, 8], 1, False),
        ([12, 18], [3, 6], 5, True),
        (64, [8, 16], 3, False),
        ([6, 10], 2, 2, True),
    ]:
        h, w = (image, image) if isinstance(image, int) else image
        ph, pw = (patch, patch) if isinstance(patch, int) else patch
        grid = F.conv2d(torch.zeros(1, channels, h, w), torch.zeros(1, channels, ph, pw), stride=(ph, pw)).shape[-2:]
        columns = F.unfold(torch.zeros(1, channels, h, w), kernel_size=(ph, pw), stride=(ph, pw))
        assert columns.shape[2] == grid[0] * grid[1]
        answer = {
            "num_patches": columns.shape[2],
            "sequence_length": columns.shape[2] + int(cls),
            "patch_dim": columns.shape[1],
        }
        params = {"image": image, "patch": patch, "channels": channels, "cls_token": cls}
        cases.append({"params": params, "answer": answer, "source": "conv2d+unfold"})
    return cases


def anchor_cases() -> list[dict]:
    from torchvision.models.detection.anchor_utils import AnchorGenerator
    from torchvision.models.detection.image_list import ImageList

    cases = []
    all_sizes, all_ratios = (32, 64, 128, 256, 512), (0.5, 1.0, 2.0, 0.25, 4.0)
    for feature_map, scales, ratios in [
        ([40, 60], 3, 3),
        (38, 3, 3),
        ([50, 50], 5, 3),
        ([25, 34], 1, 3),
        (7, 3, 1),
        ([1, 1], 2, 5),
        ([13, 20], 4, 2),
    ]:
        h, w = (feature_map, feature_map) if isinstance(feature_map, int) else feature_map
        generator = AnchorGenerator(sizes=(all_sizes[:scales],), aspect_ratios=(all_ratios[:ratios],))
        images = ImageList(torch.zeros(1, 3, 16 * h, 16 * w), [(16 * h, 16 * w)])
        anchors = generator(images, [torch.zeros(1, 1, h, w)])[0]
        answer = anchors.shape[0]
        params = {"feature_map": feature_map, "scales": scales, "ratios": ratios}
        cases.append({"params": params, "answer": answer, "per_location": generator.num_anchors_per_location()[0]})
    return cases


def vision() -> None:
    import torchvision

    versions = {"torch": torch.__version__, "torchvision": torchvision.__version__}
    write("vision_focal_loss.json", focal_cases(np.random.default_rng(20240817)), **versions)
    write(
        "vision_shapes.json",
        [{"solver": "vit-patches", **c} for c in vit_cases()]
        + [{"solver": "anchor-count", **c} for c in anchor_cases()],
        **versions,
    )


# -- interpret -----------------------------------------------------------------------------------------------


def triplet_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    shapes = [(2,), (3,), (1, 4), (5, 3), (8, 16), (4, 1), (6, 2), (3, 128)]
    for i in range(24):
        shape = shapes[i % len(shapes)]
        scale = float(rng.choice([0.1, 1.0, 5.0]))
        a, p, n = (np.round(rng.normal(0, scale, size=shape), 5) for _ in range(3))
        margin = float(rng.choice([1.0, 0.2, 2.0, 0.5]))
        cases.append(
            {"params": {"anchor": a.tolist(), "positive": p.tolist(), "negative": n.tolist(), "margin": margin}}
        )
    cases.append({"params": {"anchor": [0.0, 0.0], "positive": [0.3, 0.4], "negative": [0.6, 0.8]}})
    cases.append({"params": {"anchor": [1.0, 1.0], "positive": [1.0, 1.0], "negative": [1.0, 1.0]}})
    cases.append({"params": {"anchor": [0.0], "positive": [3.0], "negative": [1.0], "margin": 0.5}})
    cases.append({"params": {"anchor": [0.0], "positive": [1.0], "negative": [2.0], "margin": 0.0}})
    cases.append({"params": {"anchor": [0.0], "positive": [1.0], "negative": [2.0], "margin": -1.0}})
    for case in cases:
        p = {"margin": 1.0, **case["params"]}
        tensors = [torch.tensor(p[k]) for k in ("anchor", "positive", "negative")]
        try:
            case["answer"] = F.triplet_margin_loss(*tensors, margin=p["margin"], eps=0.0).item()
            case["answer_default_eps"] = F.triplet_margin_loss(*tensors, margin=p["margin"]).item()
        except ValueError:  # "margin must be greater than 0"
            case["error"] = True
        case["params"] = {"kind": "triplet", **case["params"]}
    return cases


def gcn_torch(adjacency: np.ndarray, features: np.ndarray, weight: np.ndarray, self_loops: bool) -> torch.Tensor:
    """Message passing over an edge list: node i receives D^−½_i A_ij D^−½_j (XW)_j along each edge (i, j)."""
    n = adjacency.shape[0]
    rows, cols = np.nonzero(adjacency)
    row, col = torch.tensor(rows, dtype=torch.long), torch.tensor(cols, dtype=torch.long)
    edge_weight = torch.tensor(adjacency[rows, cols])
    if self_loops:
        loop = torch.arange(n)
        row, col = torch.cat([row, loop]), torch.cat([col, loop])
        edge_weight = torch.cat([edge_weight, torch.ones(n)])
    degree = torch.zeros(n).index_add_(0, row, edge_weight)
    d_inv_sqrt = degree.pow(-0.5)
    d_inv_sqrt.masked_fill_(d_inv_sqrt == float("inf"), 0.0)  # PyG's gcn_norm
    norm = d_inv_sqrt[row] * edge_weight * d_inv_sqrt[col]
    xw = torch.tensor(features) @ torch.tensor(weight)
    return torch.zeros(n, xw.shape[1]).index_add_(0, row, norm[:, None] * xw[col])


def gcn_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    path = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=float)
    specials = [
        (path, np.array([[1.0], [2.0], [3.0]]), np.array([[1.0]]), True, "relu"),
        (path, np.array([[1.0], [-2.0], [3.0]]), np.array([[-1.0]]), True, "relu"),
        (path, np.array([[1.0], [2.0], [3.0]]), np.array([[1.0]]), False, "none"),
        (np.zeros((2, 2)), np.array([[1.0, 2.0], [3.0, 4.0]]), np.eye(2), False, "none"),  # no edges: degree 0
        (np.zeros((2, 2)), np.array([[1.0, 2.0], [3.0, 4.0]]), np.eye(2), True, "none"),  # self-loops only
        (np.eye(2), np.array([[1.0], [1.0]]), np.array([[2.0]]), True, "none"),  # existing loops count twice
    ]
    for adjacency, features, weight, loops, activation in specials:
        cases.append((adjacency, features, weight, loops, activation))
    for i in range(18):
        n, f, f_out = int(rng.integers(2, 9)), int(rng.integers(1, 6)), int(rng.integers(1, 5))
        upper = np.triu(rng.random((n, n)) < 0.4, 1)
        adjacency = (upper | upper.T).astype(float)
        if i % 3 == 1:
            adjacency *= np.round(rng.uniform(0.5, 2.0, size=(n, n)), 3)
            adjacency = np.triu(adjacency, 1) + np.triu(adjacency, 1).T  # symmetric weights
        if i % 6 == 5:
            adjacency = (rng.random((n, n)) < 0.3).astype(float)  # directed, loops allowed: the row-sum convention
        features = np.round(rng.normal(size=(n, f)), 4)
        weight = np.round(rng.normal(size=(f, f_out)), 4)
        cases.append((adjacency, features, weight, bool(i % 4), "none" if i % 5 == 0 else "relu"))
    out = []
    for adjacency, features, weight, loops, activation in cases:
        h = gcn_torch(adjacency, features, weight, loops)
        if activation == "relu":
            h = torch.relu(h)
        params = {
            "adjacency": adjacency.tolist(),
            "features": features.tolist(),
            "weight": weight.tolist(),
            "self_loops": loops,
            "activation": activation,
        }
        out.append({"params": params, "answer": h.tolist()})
    return out


def grad_cam_cases() -> list[dict]:
    cases = []
    configs = [
        (2, 4, 4, 3, "mlp"),
        (3, 5, 5, 4, "mlp"),
        (4, 6, 3, 2, "mlp"),
        (1, 3, 3, 2, "mlp"),
        (8, 7, 7, 5, "mlp"),
        (6, 4, 6, 3, "mlp"),
        (3, 5, 5, 4, "gap"),
        (5, 2, 2, 2, "gap"),
        (2, 1, 1, 3, "mlp"),
        (4, 6, 6, 10, "mlp"),
    ]
    for seed, (k, h, w, classes, head) in enumerate(configs):
        torch.manual_seed(seed)
        features = torch.nn.Sequential(
            torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.ReLU(), torch.nn.Conv2d(4, k, 3, padding=1), torch.nn.ReLU()
        )
        if head == "gap":  # y^c = Σ_k w_k mean(A^k): Grad-CAM is CAM / (H·W)
            classifier = torch.nn.Sequential(
                torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Linear(k, classes)
            )
        else:
            classifier = torch.nn.Sequential(
                torch.nn.Flatten(), torch.nn.Linear(k * h * w, 8), torch.nn.Tanh(), torch.nn.Linear(8, classes)
            )
        image = torch.randn(1, 3, h, w)
        activations = features(image)
        activations.retain_grad()
        scores = classifier(activations)
        target = int(scores.argmax()) if seed % 2 else seed % classes
        scores[0, target].backward()
        gradients = activations.grad
        weights = gradients.mean(dim=(2, 3), keepdim=True)
        cam = torch.relu((weights * activations).sum(dim=1))[0]
        case = {
            "params": {"activations": activations[0].tolist(), "gradients": gradients[0].tolist()},
            "answer": cam.tolist(),
            "weights": weights.flatten().tolist(),
            "head": head,
            "class": target,
        }
        if head == "gap":
            case["class_weights"] = classifier[2].weight[target].tolist()
        cases.append(case)
    return cases


def interpret() -> None:
    versions = {"torch": torch.__version__}
    write("interpret_metric_loss.json", triplet_cases(np.random.default_rng(20240818)), **versions)
    write("interpret_gcn.json", gcn_cases(np.random.default_rng(20240819)), **versions)
    write("interpret_grad_cam.json", grad_cam_cases(), **versions)


if __name__ == "__main__":
    parts = sys.argv[1:] or ["vision", "interpret"]
    for part in parts:
        {"vision": vision, "interpret": interpret}[part]()
