"""The demo (`manage.py load_demo`): a series at every stage of its life.

- 49 and 50, the past series, with their real States under Review: three speakers per
  State whose statements, recommendations and advocacy materials are published.
- 58, after selection: its panels confirmed and told, the speakers' answers (some
  declined and were replaced), its programme published, the missions invited, a
  training and the networking event with their registrations, observers accredited.
- 59, its call just closed: 60 applications rated by the reviewers, no panel yet (the
  series a coordinator runs in the README's walk).
- 60, its call open, with the first applications.
- The UPR record: the recommendations of the 3rd and 4th cycles to the States of 58 to
  60, from the sample files of both import formats (panels/record/sample/: invented
  sample data, not real UN text).
- The reviews that followed 49 and 50 (sessions 49 and 50): their records, invented as
  sample data (some recommending States take up what the CSOs presented), matched to
  the Pre-sessions' recommendations by the matching service and mostly decided, so the
  statements say where the review raised them and the series show their uptake.
- A few confirmed call alert subscriptions, in English, French and Spanish.

The Working Group sessions 58 to 60 review again the States of sessions 44 to 46 (the
5th cycle follows the 4th, fourteen sessions later). The dates of these three series
follow today's date, so that each stage stays true whenever the demo is loaded.
"""
