"""YAML frontmatter read on a budget: a size cap, a cap on aliases and on the
size of the expanded value (an alias bomb is refused in microseconds instead
of growing to gigabytes when a title is turned into text), and dates YAML
cannot build (`2024-13-45`) kept as text rather than raising ValueError."""
from __future__ import annotations

import yaml
from frontmatter import detect_format, handlers
from frontmatter.default_handlers import YAMLHandler

MAX_FRONTMATTER_CHARS = 64 * 1024
MAX_ALIASES = 100
MAX_NODES = 10_000


class FrontmatterBudgetError(ValueError):
    """The frontmatter is too large or expands too far to be read."""


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader that stops composing after MAX_ALIASES alias references."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.alias_count = getattr(self, "alias_count", 0) + 1
            if self.alias_count > MAX_ALIASES:
                raise FrontmatterBudgetError(f"frontmatter uses more than {MAX_ALIASES} YAML aliases")
        return super().compose_node(parent, index)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:  # looks like a date, is none (month 13): the caller decides what text means
        return loader.construct_scalar(node)


BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def expanded_size(value, budget: int = MAX_NODES) -> int:
    """Nodes in the value with shared references counted each time they are
    reached, stopping once past the budget (so an alias bomb costs budget steps)."""
    seen, stack = 0, [value]
    while stack and seen <= budget:
        item = stack.pop()
        seen += 1
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
    return seen


class BoundedYAMLHandler(YAMLHandler):
    def load(self, fm: str, **kwargs):
        if len(fm) > MAX_FRONTMATTER_CHARS:
            raise FrontmatterBudgetError(
                f"frontmatter of {len(fm)} characters exceeds the {MAX_FRONTMATTER_CHARS}-character cap")
        data = yaml.load(fm, Loader=BoundedLoader)  # noqa: S506 - a SafeLoader subclass
        if expanded_size(data) > MAX_NODES:
            raise FrontmatterBudgetError(f"frontmatter expands to more than {MAX_NODES} values (YAML aliases)")
        return data


def parse_frontmatter(text: str):
    """frontmatter.parse with YAML read by BoundedYAMLHandler; raises
    FrontmatterBudgetError past the budget and yaml.YAMLError on bad YAML."""
    import frontmatter

    handler = detect_format(text, handlers)
    if isinstance(handler, YAMLHandler):
        handler = BoundedYAMLHandler()
    return frontmatter.parse(text, handler=handler)
