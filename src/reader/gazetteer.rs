//! Places and peoples: countries, capitals, demonyms and international bodies,
//! so a rule author need not list every party that is not the subject's.
