"""The demo's data, kept apart from the code that loads it (:mod:`samverkan.demo`): the national
overview's 45 projects transcribed from their seed document, and the invented but realistic
initiatives of Västmanland and Västernorrland."""
