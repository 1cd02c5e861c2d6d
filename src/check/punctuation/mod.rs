//! Punctuation checks: unbalanced pairs, doubled marks, missing spaces, capitals after semicolons.
