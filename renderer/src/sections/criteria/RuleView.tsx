// A rule written out: one line, or a heading with a short list when the rule is "满足其一" / 分档.
import { useTranslation } from 'react-i18next';
import { nodeText, type RuleNode } from './ruleText';

export function RuleView({ node }: { node: RuleNode }) {
  const { t } = useTranslation();
  if (!node.items) return <span className="cl-rule-line">{node.text}</span>;
  return (
    <span className="cl-rule-list">
      {node.text && <span className="cl-rule-head">{node.text}</span>}
      <ul>
        {node.items.map((item, i) => (
          <li key={i} title={nodeText(item, t('criteriaLib.rule.sep'))}>
            <RuleView node={item} />
          </li>
        ))}
      </ul>
    </span>
  );
}
